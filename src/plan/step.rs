//! `Step` and `Statement`: the executable plan (DESIGN decisions 3 and 9).
//!
//! A `Step` is one recipe's output for one change: forward and reverse `Statement`s, the
//! phase it belongs to, and what a reviewer needs (definition diff, notes). A `Statement` is
//! the unit of execution: its SQL, whether it may run in a transaction block, the locks it
//! takes (mode and relation), its timeouts and its hazards.

use super::backfill::Batched;
use crate::model::{ObjectId, QualifiedName};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// Phases are barriers (DESIGN decision 5): each is deployed on its own, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Additive, compatible with the old application code.
    Expand,
    /// Data movement, batched, outside DDL transactions.
    Backfill,
    /// Validation, switches and drops, once the new code is everywhere.
    Contract,
}

impl Phase {
    pub const ALL: [Phase; 3] = [Phase::Expand, Phase::Backfill, Phase::Contract];

    pub fn name(self) -> &'static str {
        match self {
            Phase::Expand => "expand",
            Phase::Backfill => "backfill",
            Phase::Contract => "contract",
        }
    }

    /// When a phase is run, for headers of scripts and migration files.
    pub fn when(self) -> &'static str {
        match self {
            Phase::Expand => {
                "before the new application code is deployed; the old code keeps working"
            }
            Phase::Backfill => "after expand; moves data in batches while both versions run",
            Phase::Contract => "after the new application code is deployed everywhere",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// PostgreSQL's table lock modes, weakest first (the order of the conflict table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LockMode {
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
}

impl LockMode {
    /// As PostgreSQL writes it (`ACCESS EXCLUSIVE`).
    pub fn sql_name(self) -> &'static str {
        match self {
            LockMode::AccessShare => "ACCESS SHARE",
            LockMode::RowShare => "ROW SHARE",
            LockMode::RowExclusive => "ROW EXCLUSIVE",
            LockMode::ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
            LockMode::Share => "SHARE",
            LockMode::ShareRowExclusive => "SHARE ROW EXCLUSIVE",
            LockMode::Exclusive => "EXCLUSIVE",
            LockMode::AccessExclusive => "ACCESS EXCLUSIVE",
        }
    }

    /// True when ordinary writes (INSERT/UPDATE/DELETE take ROW EXCLUSIVE) wait for it.
    pub fn blocks_writes(self) -> bool {
        self >= LockMode::Share
    }

    /// True when plain reads (SELECT takes ACCESS SHARE) wait for it.
    pub fn blocks_reads(self) -> bool {
        self == LockMode::AccessExclusive
    }
}

impl fmt::Display for LockMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.sql_name())
    }
}

/// One lock a statement takes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RelationLock {
    pub mode: LockMode,
    pub relation: QualifiedName,
}

/// Stable kebab-case hazard codes (DESIGN decision 7). `Hazard::ALL` is the one list; the
/// README's table is checked against it by a test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hazard {
    /// Data is removed (a dropped column or table).
    DeletesData,
    /// The table is rewritten while ACCESS EXCLUSIVE is held: reads and writes wait.
    RewritesTable,
    /// The whole table is read (a scan or an index build) while a lock that blocks writes is
    /// held.
    LockedScan,
    /// The whole table is read without blocking writes (`VALIDATE CONSTRAINT`).
    ScansTable,
    /// An index is built (load on the server; concurrently unless `locked-scan` says not).
    IndexBuild,
    /// Application code written for the old schema may fail once this has run.
    BreaksOldCode,
    /// The statement fails if the table has rows that do not satisfy it (a new NOT NULL
    /// column without a default): it needs a backfill first.
    NeedsBackfill,
    /// Every row is written again, in batches of their own transactions (a backfill).
    WritesRows,
}

impl Hazard {
    pub const ALL: [Hazard; 8] = [
        Hazard::DeletesData,
        Hazard::RewritesTable,
        Hazard::LockedScan,
        Hazard::ScansTable,
        Hazard::IndexBuild,
        Hazard::BreaksOldCode,
        Hazard::NeedsBackfill,
        Hazard::WritesRows,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Hazard::DeletesData => "deletes-data",
            Hazard::RewritesTable => "rewrites-table",
            Hazard::LockedScan => "locked-scan",
            Hazard::ScansTable => "scans-table",
            Hazard::IndexBuild => "index-build",
            Hazard::BreaksOldCode => "breaks-old-code",
            Hazard::NeedsBackfill => "needs-backfill",
            Hazard::WritesRows => "writes-rows",
        }
    }

    pub fn from_code(code: &str) -> Option<Hazard> {
        Hazard::ALL.into_iter().find(|h| h.code() == code)
    }

    /// The hazards named by `codes` (flags and schemadiff.toml), where the word `group`
    /// stands for every hazard `in_group` accepts (`dangerous`, `all`).
    pub fn parse_codes(
        codes: &[String],
        group: &str,
        in_group: fn(Hazard) -> bool,
    ) -> Result<Vec<Hazard>, String> {
        let mut out = Vec::new();
        for code in codes {
            if code == group {
                out.extend(Hazard::ALL.into_iter().filter(|h| in_group(*h)));
                continue;
            }
            out.push(Hazard::from_code(code).ok_or_else(|| {
                let known: Vec<&str> = Hazard::ALL.iter().map(|h| h.code()).collect();
                format!(
                    "unknown hazard {code:?}; known: {}, {group}",
                    known.join(", ")
                )
            })?);
        }
        Ok(out)
    }

    /// What the hazard means, for `--help`, the README and review output.
    pub fn description(self) -> &'static str {
        match self {
            Hazard::DeletesData => "removes data: a dropped column or table",
            Hazard::RewritesTable => {
                "rewrites the whole table under ACCESS EXCLUSIVE: reads and writes wait"
            }
            Hazard::LockedScan => "reads the whole table (scan or index build) while writes wait",
            Hazard::ScansTable => {
                "reads the whole table without blocking writes (`VALIDATE CONSTRAINT`)"
            }
            Hazard::IndexBuild => "builds an index: I/O and CPU load, concurrently",
            Hazard::BreaksOldCode => "application code written for the old schema may fail",
            Hazard::NeedsBackfill => {
                "fails when existing rows lack a value (a new NOT NULL column without a default)"
            }
            Hazard::WritesRows => {
                "writes every row again, in batches that are transactions of their own"
            }
        }
    }

    /// Hazards that `plan --deny-hazard` and `apply` treat as dangerous by default.
    pub fn dangerous(self) -> bool {
        matches!(
            self,
            Hazard::DeletesData
                | Hazard::RewritesTable
                | Hazard::LockedScan
                | Hazard::BreaksOldCode
        )
    }
}

impl fmt::Display for Hazard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a statement does to the table's data, for impact estimates. Derived from the
/// hazards, so it cannot disagree with them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Catalog only.
    Instant,
    /// Reads every row.
    Scans,
    /// Builds an index (reads every row and writes the index).
    BuildsIndex,
    /// Writes every row again.
    Rewrites,
    /// Writes every row, batch by batch, without a long lock.
    Batched,
}

impl Effect {
    pub fn name(self) -> &'static str {
        match self {
            Effect::Instant => "instant",
            Effect::Scans => "scans",
            Effect::BuildsIndex => "builds index",
            Effect::Rewrites => "rewrites",
            Effect::Batched => "batched writes",
        }
    }
}

/// One statement to run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The SQL, without a trailing `;`.
    pub sql: String,
    /// False when it runs alone, outside any transaction block: because it may not run in
    /// one (`CREATE INDEX CONCURRENTLY`, a backfill that COMMITs between batches) or because
    /// it must not share the transaction of the statements around it (a `VALIDATE` after the
    /// ADD that holds ACCESS EXCLUSIVE).
    pub transactional: bool,
    /// The locks it takes, on relations that exist when it runs.
    pub locks: Vec<RelationLock>,
    /// `lock_timeout` in milliseconds (0: none); set from the plan's settings.
    pub lock_timeout_ms: u64,
    /// `statement_timeout` in milliseconds (0: none); long work (scans, index builds) gets none.
    pub statement_timeout_ms: u64,
    pub hazards: BTreeSet<Hazard>,
    /// The batched job this statement's `DO` block runs, as data: `apply` follows its
    /// progress (rows done) and knows a rerun resumes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batched: Option<Box<Batched>>,
}

impl Statement {
    pub fn new(sql: impl Into<String>) -> Self {
        Statement {
            sql: sql.into(),
            transactional: true,
            locks: Vec::new(),
            lock_timeout_ms: 0,
            statement_timeout_ms: 0,
            hazards: BTreeSet::new(),
            batched: None,
        }
    }

    /// The statement that runs a batched job: its `DO` block, alone, outside any
    /// transaction block (it COMMITs between batches).
    pub fn batched(job: &Batched) -> Self {
        Statement {
            batched: Some(Box::new(job.clone())),
            ..Statement::new(job.sql())
        }
        .non_transactional()
    }

    pub fn lock(mut self, mode: LockMode, relation: &QualifiedName) -> Self {
        let lock = RelationLock {
            mode,
            relation: relation.clone(),
        };
        if !self.locks.contains(&lock) {
            self.locks.push(lock);
        }
        self
    }

    pub fn hazard(mut self, hazard: Hazard) -> Self {
        self.hazards.insert(hazard);
        self
    }

    pub fn non_transactional(mut self) -> Self {
        self.transactional = false;
        self
    }

    /// The strongest lock it takes.
    pub fn strongest_lock(&self) -> Option<&RelationLock> {
        self.locks.iter().max_by_key(|l| l.mode)
    }

    pub fn effect(&self) -> Effect {
        let has = |h| self.hazards.contains(&h);
        if has(Hazard::RewritesTable) {
            Effect::Rewrites
        } else if has(Hazard::WritesRows) {
            Effect::Batched
        } else if has(Hazard::IndexBuild) {
            Effect::BuildsIndex
        } else if has(Hazard::LockedScan) || has(Hazard::ScansTable) {
            Effect::Scans
        } else {
            Effect::Instant
        }
    }
}

/// One unit of a migration: what to run, how to undo it, and what it costs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The object the step is about.
    pub object: ObjectId,
    /// The kind of change (`add-column`, `drop-view`, ...).
    pub kind: String,
    pub phase: Phase,
    /// Statements to run, in order. Empty when an enclosing step (a dropped table drops its
    /// indexes) already does it.
    pub forward: Vec<Statement>,
    /// Statements that undo `forward`, in order. Empty when the reverse of an enclosing step
    /// does it.
    pub reverse: Vec<Statement>,
    /// What the way back does or cannot do with the data (a dropped column's values).
    pub reverse_note: Option<String>,
    /// Why the step is where it is, or what it cannot do online (shown to reviewers).
    pub notes: Vec<String>,
    /// Old and new definition text, for a reviewer's diff (views, functions, checks, ...).
    pub definition_change: Option<(String, String)>,
}

impl Step {
    pub fn new(object: ObjectId, kind: &str) -> Self {
        Step {
            object,
            kind: kind.to_string(),
            phase: Phase::Expand,
            forward: Vec::new(),
            reverse: Vec::new(),
            reverse_note: None,
            notes: Vec::new(),
            definition_change: None,
        }
    }

    /// `kind object`, as every format names a step.
    pub fn title(&self) -> String {
        format!("{} {}", self.kind, self.object)
    }

    /// The hazards of its forward statements.
    pub fn hazards(&self) -> BTreeSet<Hazard> {
        self.forward
            .iter()
            .flat_map(|s| s.hazards.iter().copied())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's hazard table is the list of codes, in the same words.
    #[test]
    fn readme_lists_every_hazard() {
        let readme = include_str!("../../README.md");
        let rows: Vec<(&str, bool, &str)> = readme
            .lines()
            .filter_map(|l| {
                let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
                let code = cells.first()?.strip_prefix('`')?.strip_suffix('`')?;
                Hazard::from_code(code)?;
                Some((code, *cells.get(1)? == "yes", *cells.get(2)?))
            })
            .collect();
        let mut expected: Vec<(&str, bool, &str)> = Hazard::ALL
            .iter()
            .map(|h| (h.code(), h.dangerous(), h.description()))
            .collect();
        let mut rows_sorted = rows.clone();
        rows_sorted.sort();
        expected.sort();
        assert_eq!(rows_sorted, expected);
    }

    #[test]
    fn lock_names_are_postgresql_s() {
        assert_eq!(LockMode::AccessExclusive.to_string(), "ACCESS EXCLUSIVE");
        assert_eq!(
            LockMode::ShareUpdateExclusive.to_string(),
            "SHARE UPDATE EXCLUSIVE"
        );
        assert!(LockMode::Share.blocks_writes());
        assert!(!LockMode::ShareUpdateExclusive.blocks_writes());
    }
}
