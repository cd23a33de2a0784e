//! Plan: `Vec<Change>` → ordered `Step`s with reverses (DESIGN decisions 4–6).
//!
//! 1. `rebuild` adds drop-and-create pairs for objects that depend on something the change
//!    removes or retypes (a view on a column whose type changes).
//! 2. `recipes` turn each change into drafts: SQL, reverse SQL, lock, hazards, and what the
//!    step drops and creates.
//! 3. `implied` blanks the SQL an enclosing step already does (a dropped table's indexes).
//! 4. `order` sorts the drafts in a petgraph DAG built from both catalogs' dependencies.
//!
//! The reverse script is each step's reverse in the opposite order: never a re-diff, so the
//! way back knows what the way forward did.

pub mod backfill;
mod deps;
pub mod hints;
mod implied;
mod order;
mod rebuild;
mod recipes;
pub mod renames;
pub mod segment;
mod step;

pub use deps::DepIndex;
pub use hints::{Backfill, Hints, Rename};
pub use step::{Effect, Hazard, LockMode, Phase, RelationLock, Statement, Step};

use crate::diff::{Change, diff};
use crate::model::{Catalog, ObjectId, QualifiedName};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("cannot plan {object}: {reason}")]
    Unsupported { object: ObjectId, reason: String },
    #[error(transparent)]
    Cycle(#[from] crate::graph::CycleError),
    #[error("internal planner error: {0}")]
    Internal(String),
}

/// Bumped when the shape of a saved plan changes incompatibly (docs/plan-json.md).
pub const FORMAT_VERSION: u32 = 2;

/// How the planner sets timeouts (flags and `schemadiff.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// `lock_timeout` of every statement, in milliseconds: a statement that cannot get its
    /// lock in time fails instead of queueing every later query behind it.
    pub lock_timeout_ms: u64,
    /// `statement_timeout` of instant statements, in milliseconds. Scans, rewrites and index
    /// builds get none: they take as long as the table needs.
    pub statement_timeout_ms: u64,
    /// Rows per backfill batch; each batch is its own transaction.
    #[serde(default = "default_batch_rows")]
    pub batch_rows: u64,
    /// Pause between backfill batches, in milliseconds, so replicas and autovacuum keep up.
    #[serde(default = "default_batch_pause_ms")]
    pub batch_pause_ms: u64,
    /// Keep the data of dropped columns and tables in the `schemadiff_backup` schema, so the
    /// reverse script can bring it back (`--no-backup` turns this off).
    #[serde(default = "default_backups")]
    pub backups: bool,
}

fn default_batch_rows() -> u64 {
    Settings::default().batch_rows
}
fn default_batch_pause_ms() -> u64 {
    Settings::default().batch_pause_ms
}
fn default_backups() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lock_timeout_ms: 2_000,
            statement_timeout_ms: 60_000,
            batch_rows: 1_000,
            batch_pause_ms: 20,
            backups: true,
        }
    }
}

/// Live size of a table, from the `from` database's statistics.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableStats {
    /// `pg_class.reltuples` (an estimate; negative when never analyzed).
    pub rows: f64,
    /// `pg_total_relation_size`, indexes and TOAST included.
    pub bytes: i64,
}

/// The steps of one phase, in the order they run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhasePlan {
    pub phase: Phase,
    pub steps: Vec<Step>,
}

/// An ordered migration from one catalog to another: phases that are barriers, each an
/// ordered list of steps. A plan is data (DESIGN decision 10): saved as JSON and loaded back
/// it renders the same scripts, and the fingerprints say which catalogs it was made from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub format_version: u32,
    /// SHA-256 of the `from` catalog, as the live database must still match.
    pub from_fingerprint: String,
    /// SHA-256 of the `to` catalog.
    pub to_fingerprint: String,
    pub settings: Settings,
    /// Sizes of the `from` database's tables (by qualified name), when it is a database.
    #[serde(default)]
    pub stats: BTreeMap<String, TableStats>,
    /// Expand, backfill and contract, always all three and in that order.
    pub phases: Vec<PhasePlan>,
    /// [`digests`] of the `from` catalog's objects, when the plan is saved: `apply --plan`
    /// names the objects that changed since.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub from_digests: BTreeMap<String, String>,
}

impl Plan {
    /// The plan's identity in `apply`'s history: the same two catalogs and settings give
    /// the same id (16 hex digits).
    pub fn id(&self) -> String {
        use sha2::{Digest, Sha256};
        let settings = serde_json::to_string(&self.settings).expect("settings serialize");
        let text = format!(
            "{} {} {settings}",
            self.from_fingerprint, self.to_fingerprint
        );
        Sha256::digest(text.as_bytes())[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// True when there is nothing to run.
    pub fn is_empty(&self) -> bool {
        self.steps().all(|s| s.forward.is_empty())
    }

    /// Every step, phase by phase.
    pub fn steps(&self) -> impl DoubleEndedIterator<Item = &Step> {
        self.phases.iter().flat_map(|p| p.steps.iter())
    }

    /// The steps of one phase.
    pub fn phase(&self, phase: Phase) -> &[Step] {
        self.phases
            .iter()
            .find(|p| p.phase == phase)
            .map_or(&[], |p| p.steps.as_slice())
    }

    /// Live size of a table, when known.
    pub fn stats_of(&self, table: &QualifiedName) -> Option<&TableStats> {
        self.stats.get(&table.to_string())
    }
}

/// SHA-256 of a catalog's canonical JSON (its maps are ordered, so equal catalogs hash equal).
pub fn fingerprint(cat: &Catalog) -> String {
    use sha2::{Digest, Sha256};
    /// The JSON goes straight into the hash: the same digest as of `to_vec`, without the
    /// whole catalog's text in memory (tens of MiB at 10,000 tables).
    struct Hashing(Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.update(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(Sha256::new());
    {
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut hashing);
        serde_json::to_writer(&mut buffered, cat).expect("a catalog serializes");
        std::io::Write::flush(&mut buffered).expect("hashing does not fail");
    }
    hashing
        .0
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A short digest of every top-level object of a catalog (`table public.t` → 16 hex digits),
/// saved in a plan so that a stale plan names what changed under it.
pub fn digests(cat: &Catalog) -> BTreeMap<String, String> {
    use sha2::{Digest, Sha256};
    fn put<K: std::fmt::Display, V: Serialize>(
        out: &mut BTreeMap<String, String>,
        kind: &str,
        map: &BTreeMap<K, V>,
    ) {
        for (k, v) in map {
            let json = serde_json::to_vec(v).expect("a catalog object serializes");
            let hex: String = Sha256::digest(&json)[..8]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            out.insert(format!("{kind} {k}"), hex);
        }
    }
    let mut out = BTreeMap::new();
    put(&mut out, "schema", &cat.schemas);
    put(&mut out, "extension", &cat.extensions);
    put(&mut out, "collation", &cat.collations);
    put(&mut out, "type", &cat.enums);
    put(&mut out, "domain", &cat.domains);
    put(&mut out, "type", &cat.composites);
    put(&mut out, "type", &cat.ranges);
    put(&mut out, "sequence", &cat.sequences);
    put(&mut out, "table", &cat.tables);
    put(&mut out, "view", &cat.views);
    put(&mut out, "function", &cat.functions);
    let defaults: BTreeMap<String, &crate::model::DefaultPrivileges> = cat
        .default_privileges
        .iter()
        .map(|d| {
            let (role, schema, object_type) = d.key();
            let schema = schema.map_or(String::new(), |s| format!(" in schema {s}"));
            (format!("of role {role} on {object_type}{schema}"), d)
        })
        .collect();
    put(&mut out, "default privileges", &defaults);
    put(&mut out, "publication", &cat.publications);
    put(&mut out, "event trigger", &cat.event_triggers);
    put(&mut out, "access method", &cat.access_methods);
    // `--owners` only (empty otherwise, so older plans' digests still hold).
    put(&mut out, "owner of", &cat.owners);
    out
}

/// What differs between the objects a plan was made from and a catalog's now: `changed
/// table public.t`, `added view public.v`, `dropped ...`.
pub fn stale_objects(saved: &BTreeMap<String, String>, now: &Catalog) -> Vec<String> {
    let now = digests(now);
    let mut out = Vec::new();
    for (k, v) in saved {
        match now.get(k) {
            None => out.push(format!("dropped {k}")),
            Some(n) if n != v => out.push(format!("changed {k}")),
            Some(_) => {}
        }
    }
    out.extend(
        now.keys()
            .filter(|k| !saved.contains_key(*k))
            .map(|k| format!("added {k}")),
    );
    out
}

/// Plan the migration from `from` to `to` with the default settings and no hints.
pub fn plan(from: &Catalog, to: &Catalog) -> Result<Plan, PlanError> {
    plan_with(from, to, Settings::default(), &Hints::default())
}

/// Plan the migration from `from` to `to`.
/// `a` and `b` at once, `a` on a thread of its own: the two catalogs' fingerprints and
/// dependency indexes are independent, and a large schema's plan is mostly those.
fn both<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|s| {
        let a = s.spawn(a);
        let b = b();
        (a.join().expect("the other half of the plan panicked"), b)
    })
}

pub fn plan_with(
    from: &Catalog,
    to: &Catalog,
    settings: Settings,
    hints: &Hints,
) -> Result<Plan, PlanError> {
    let (from_fingerprint, to_fingerprint) = {
        let _t = crate::timing::stage("plan: fingerprints");
        both(|| fingerprint(from), || fingerprint(to))
    };
    let tag = &to_fingerprint[..8];
    let renames = renames::pending(hints, from, to)?;
    let mut steps = if renames.is_empty() {
        let changes = {
            let _t = crate::timing::stage("plan: diff");
            diff(from, to)
        };
        plan_hinted(from, to, changes, settings, hints, tag)?
    } else {
        // The renames run first; the rest is planned from the state they leave.
        let Some(renamed) = hints.renamed_from.as_deref() else {
            return Err(PlanError::Internal(format!(
                "{}: the renamed state was not computed before planning",
                renames[0].location
            )));
        };
        let rest = plan_hinted(renamed, to, diff(renamed, to), settings, hints, tag)?;
        renames::check(&renames, &rest, from, hints.server_version)?;
        let (expand, contract) = renames::steps(&renames, from);
        // `assemble` keeps the order within each phase: the renames open expand and the
        // drops of the old-name views open contract.
        expand.into_iter().chain(contract).chain(rest).collect()
    };
    steps.extend(backfill::vacuums(&steps));
    Ok(assemble(
        (from_fingerprint, to_fingerprint),
        settings,
        steps,
    ))
}

/// Plan given changes (already diffed) between two catalogs: the ordered steps.
pub fn plan_changes(
    from: &Catalog,
    to: &Catalog,
    changes: Vec<Change>,
) -> Result<Vec<Step>, PlanError> {
    let tag = &fingerprint(to)[..8];
    plan_hinted(
        from,
        to,
        changes,
        Settings::default(),
        &Hints::default(),
        tag,
    )
}

fn plan_hinted(
    from: &Catalog,
    to: &Catalog,
    changes: Vec<Change>,
    settings: Settings,
    hints: &Hints,
    tag: &str,
) -> Result<Vec<Step>, PlanError> {
    if changes.is_empty() {
        // Nothing to order: the dependency indexes would be the whole cost of the plan.
        return Ok(Vec::new());
    }
    let (from_deps, to_deps) = {
        let _t = crate::timing::stage("plan: dependency indexes");
        both(|| DepIndex::new(from), || DepIndex::new(to))
    };
    let deps = (&from_deps, &to_deps);
    plan_with_deps(from, to, changes, deps, (settings, hints, tag))
}

/// Phases and timeouts around ordered steps.
fn assemble(
    (from_fingerprint, to_fingerprint): (String, String),
    settings: Settings,
    mut steps: Vec<Step>,
) -> Plan {
    for s in steps
        .iter_mut()
        .flat_map(|s| s.forward.iter_mut().chain(s.reverse.iter_mut()))
    {
        s.lock_timeout_ms = settings.lock_timeout_ms;
        s.statement_timeout_ms = match s.effect() {
            Effect::Instant => settings.statement_timeout_ms,
            _ => 0,
        };
    }
    let phases = Phase::ALL
        .into_iter()
        .map(|phase| PhasePlan {
            phase,
            steps: steps.iter().filter(|s| s.phase == phase).cloned().collect(),
        })
        .collect();
    Plan {
        format_version: FORMAT_VERSION,
        from_fingerprint,
        to_fingerprint,
        settings,
        stats: BTreeMap::new(),
        phases,
        from_digests: BTreeMap::new(),
    }
}

/// [`plan_changes`] with the catalogs' dependency indexes already built (a sub-plan reuses
/// its parent's: they cost about as much as the diff on a large database).
pub(super) fn plan_with_deps(
    from: &Catalog,
    to: &Catalog,
    changes: Vec<Change>,
    (from_deps, to_deps): (&DepIndex, &DepIndex),
    (settings, hints, tag): (Settings, &Hints, &str),
) -> Result<Vec<Step>, PlanError> {
    let _t = crate::timing::stage("plan: recipes and order");
    let mut changes = rebuild::add_rebuilds(changes, from, to, from_deps)?;
    // A rebuilt object is dropped and created again by the connecting user: its owner must
    // be given back (`--owners`; nothing without it).
    crate::diff::owner_changes(&mut changes, from, to);
    let created_tables = changes
        .iter()
        .filter(|c| matches!(c, Change::CreateTable(_)))
        .map(Change::object)
        .collect();
    let recreated = recreated(&changes);
    let mut retyped = retyped(&changes, from);
    // A column renamed in place changes under what is built on it, like a retyped one.
    for r in hints.renames.iter().filter(|r| r.instant) {
        if let ObjectId::Column { table, .. } = &r.object {
            retyped.insert(r.object.clone());
            retyped.insert(ObjectId::Column {
                table: table.clone(),
                column: r.from.clone(),
            });
        }
    }
    let dropped_columns = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropColumn { table, column } => Some((table.clone(), column.clone())),
            _ => None,
        })
        .collect();
    let mut ctx = recipes::Context {
        from,
        to,
        from_deps,
        to_deps,
        created_tables,
        recreated,
        retyped,
        settings,
        hints,
        plan_tag: tag.to_string(),
        dropped: changes
            .iter()
            .filter(|c| c.drops_object())
            .map(Change::object)
            .collect(),
        dropped_columns,
        shadowed: Default::default(),
        from_tables: recipes::TableIndex::new(from),
    };
    ctx.shadowed = recipes::shadowed(&changes, &ctx);
    let mut drafts = Vec::new();
    let mut groups = Vec::new();
    for (i, change) in changes.iter().enumerate() {
        let more = recipes::drafts(change, &ctx)?;
        groups.extend(std::iter::repeat_n(i, more.len()));
        drafts.extend(more);
    }
    implied::blank_implied(&mut drafts, &changes, (from, to), (from_deps, to_deps));
    order::order(drafts, &groups, (from, to), from_deps, to_deps)
}

/// Columns whose type changes in this plan (retyped, or of an enum that is rebuilt or
/// relabelled) and those enums: what is built on them cannot be swapped in beside the old
/// definition, since the old one must go before the type changes.
fn retyped(changes: &[Change], from: &Catalog) -> std::collections::BTreeSet<ObjectId> {
    let mut out = std::collections::BTreeSet::new();
    for c in changes {
        match c {
            Change::AlterColumnType { .. } => {
                out.insert(c.object());
            }
            Change::RebuildCollation { from: co, .. } => {
                out.insert(c.object());
                out.extend(crate::plan::recipes::collation_column_ids(from, &co.name));
            }
            Change::RebuildEnum { from: e, .. } | Change::RenameEnumValues { from: e, .. } => {
                out.insert(c.object());
                let scalar = e.name.to_string();
                let array = format!("{scalar}[]");
                for t in from.tables.values() {
                    for col in &t.columns {
                        if col.type_name == scalar || col.type_name == array {
                            out.insert(ObjectId::Column {
                                table: t.name.clone(),
                                column: col.name.clone(),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Objects that some change drops (or rebuilds) and some change creates again.
fn recreated(changes: &[Change]) -> std::collections::BTreeSet<ObjectId> {
    use Change::*;
    let dropped: std::collections::BTreeSet<ObjectId> = changes
        .iter()
        .filter(|c| c.drops_object() || c.drops_part())
        .map(Change::object)
        .collect();
    changes
        .iter()
        .filter(|c| {
            matches!(
                c,
                RebuildEnum { .. } | RenameEnumValues { .. } | RebuildCollation { .. }
            ) || ((c.creates_object() || c.adds_part()) && dropped.contains(&c.object()))
        })
        .map(Change::object)
        .collect()
}

#[cfg(test)]
mod tests;
