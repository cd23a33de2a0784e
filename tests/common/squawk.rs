//! squawk (the migration linter, `pip install squawk-cli`) as an outside judge of the forward
//! scripts: every finding must name a hazard the plan itself reports on that statement.
//!
//! Rules whose subject is not the migration's safety are excluded, each for a reason:
//! - `prefer-robust-stmts`: wants `IF [NOT] EXISTS` so a script can be rerun after a partial
//!   failure. schemadiff's way to resume is to plan again (the plan is computed from the live
//!   catalog, so it holds only what is left); `CREATE INDEX CONCURRENTLY IF NOT EXISTS` would
//!   even skip an INVALID index left by a failed build.
//! - `prefer-bigint-over-int`, `prefer-bigint-over-smallint`, `prefer-identity`,
//!   `prefer-text-field`, `prefer-timestamptz`, `ban-char-field`,
//!   `ban-create-domain-with-constraint`: judge the types of the desired schema, which are
//!   the team's decision, not how the migration runs.
//! - `require-enum-value-ordering`: the plan writes BEFORE/AFTER whenever the position is not
//!   the end, which is where the desired state puts the label.
//!
//! A few findings are false by construction, and accepted only on the exact statements of
//! the recipes that make them true ([`accepted_by_design`]): anything on a table this plan
//! creates (it has no rows; squawk misses some creations, e.g. in another phase's script),
//! including a foreign key from it to an existing table (the scan is of the new table);
//! dropping the temporary
//! `CHECK (col IS NOT NULL)` once NOT NULL holds, renaming a rebuilt index back to its own
//! name, `CREATE INDEX ... ON ONLY` a partitioned table (an empty shell: it builds
//! nothing; each partition's index is built concurrently and attached), and `DROP INDEX` of a
//! partitioned table's index (PostgreSQL refuses CONCURRENTLY there; the step says so).

use schemadiff::plan::segment::{Direction, segments, steps};
use schemadiff::plan::{Hazard, Phase, Plan, Statement, Step};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

pub const EXCLUDED: [&str; 9] = [
    "ban-create-domain-with-constraint",
    "prefer-robust-stmts",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-identity",
    "prefer-text-field",
    "prefer-timestamptz",
    "ban-char-field",
    "require-enum-value-ordering",
];

/// The hazards that explain a rule's finding (any one of them).
fn explained_by(rule: &str) -> &'static [Hazard] {
    use Hazard::*;
    match rule {
        "changing-column-type" => &[RewritesTable, BreaksOldCode],
        "ban-drop-table" | "ban-truncate-cascade" => &[DeletesData],
        // A composite type's attribute holds no rows; a table column's drop also deletes.
        "ban-drop-column" => &[DeletesData, BreaksOldCode],
        "ban-drop-view"
        | "ban-drop-function"
        | "ban-drop-type"
        | "ban-drop-constraint"
        | "ban-drop-not-null"
        | "ban-drop-sequence"
        | "ban-drop-schema"
        | "ban-drop-domain"
        | "ban-drop-extension"
        | "ban-set-schema"
        | "ban-alter-domain-with-add-constraint"
        | "ban-drop-default"
        | "ban-alter-identity"
        | "require-concurrent-partition-detach"
        | "renaming-column"
        | "renaming-table"
        | "renaming-object" => &[BreaksOldCode, DeletesData],
        "adding-required-field" | "adding-not-nullable-field" => &[NeedsBackfill, LockedScan],
        "adding-field-with-default" | "adding-serial-primary-key-field" => {
            &[RewritesTable, LockedScan]
        }
        "adding-foreign-key-constraint"
        | "constraint-missing-not-valid"
        | "disallowed-unique-constraint"
        | "require-concurrent-index-creation"
        | "adding-primary-key-constraint" => &[LockedScan],
        _ => &[],
    }
}

/// The squawk program, when installed. CI installs it (.ci/run), and there a missing squawk
/// is an error rather than a silently skipped check. Looked up once per test binary.
pub fn squawk() -> Option<&'static str> {
    static PROGRAM: OnceLock<Option<String>> = OnceLock::new();
    let found = PROGRAM.get_or_init(find).as_deref();
    if found.is_none() && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("squawk is not installed (pip install squawk-cli): CI must run it");
    }
    found
}

/// `squawk` from PATH, or rather the program a pyenv shim of that name would run (`pyenv
/// which`): the shim is a shell script that starts `pyenv exec`, about 0.2 s per run, where
/// squawk itself takes a few milliseconds.
fn find() -> Option<String> {
    let works = |program: &str| {
        Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let behind_shim = Command::new("pyenv")
        .args(["which", "squawk"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|p| !p.is_empty() && works(p));
    behind_shim.or_else(|| works("squawk").then(|| "squawk".to_owned()))
}

/// squawk's findings on one phase's forward script that no hazard of the plan explains, as
/// readable lines (empty: the script passes).
pub fn unexplained(
    plan: &Plan,
    phase: Phase,
    script: &str,
    pg_major: u32,
    dir: &Path,
) -> Vec<String> {
    let Some(program) = squawk() else {
        return Vec::new();
    };
    let _t = super::timing::span("squawk");
    let path = dir.join(format!("{phase}.sql"));
    std::fs::write(&path, script).unwrap();
    let out = Command::new(program)
        .arg(format!("--pg-version={pg_major}"))
        .arg("--reporter=gcc")
        .arg(format!("--exclude={}", EXCLUDED.join(",")))
        .arg(&path)
        .output()
        .expect("run squawk");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let lines = statement_lines(plan, phase, script);
    let created: Vec<String> = plan
        .steps()
        .filter(|s| s.kind == "create-table")
        .map(|s| match &s.object {
            schemadiff::model::ObjectId::Table { name } => name.to_string(),
            other => other.to_string(),
        })
        .collect();
    let mut unexplained = Vec::new();
    for finding in text
        .lines()
        .filter(|l| l.contains(": warning: ") || l.contains(": error: "))
    {
        // `path:line:column: warning: rule message`, lines counted from 0.
        let rest = &finding[path.to_string_lossy().len()..];
        let mut parts = rest.trim_start_matches(':').splitn(3, ':');
        let line: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        let message = parts.nth(1).unwrap_or_default().trim();
        let rule = message
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_string();
        let found = lines.iter().rev().find(|(start, _, _)| *start <= line);
        let statement = found.map(|(_, _, s)| *s);
        let ok = found.is_some_and(|(_, step, s)| {
            explained_by(&rule).iter().any(|h| s.hazards.contains(h))
                || accepted_by_design(step, s, &rule)
                || fk_of_created_table(step, &rule, &created)
                || (!s.locks.is_empty()
                    && s.locks
                        .iter()
                        .all(|l| created.contains(&l.relation.to_string())))
        });
        if !ok {
            let sql = statement.map_or("(no statement)".to_string(), |s| s.sql.clone());
            unexplained.push(format!("{rule} on: {sql}  [{message}]"));
        }
    }
    unexplained
}

/// A foreign key added to a table this plan creates: the scan is of that new, empty table,
/// so the referenced table's SHARE ROW EXCLUSIVE lock lasts no longer than the statement;
/// NOT VALID would only add a VALIDATE step that checks nothing.
fn fk_of_created_table(step: &Step, rule: &str, created: &[String]) -> bool {
    matches!(
        rule,
        "adding-foreign-key-constraint" | "constraint-missing-not-valid"
    ) && step.kind == "add-constraint"
        && matches!(&step.object, schemadiff::model::ObjectId::Constraint { table, .. } if created.contains(&table.to_string()))
}

/// The findings that are false by construction (see the module comment).
fn accepted_by_design(step: &Step, s: &Statement, rule: &str) -> bool {
    match (step.kind.as_str(), rule) {
        // Every statement of a create-table step is on the table it creates, which has no
        // rows (a partition's own defaults and NOT NULL, set right after its CREATE).
        ("create-table", _) => true,
        // The swap puts an equivalent of each thing it drops or renames in place within the
        // same transaction: the column keeps its name, keys and indexes.
        (
            "swap-column",
            "renaming-column"
            | "renaming-object"
            | "ban-drop-constraint"
            | "ban-drop-not-null"
            | "ban-drop-default"
            | "ban-drop-function"
            | "require-concurrent-index-deletion",
        ) => true,
        // The plan's own temporaries: the old column kept aside after a swap, sync triggers'
        // functions.
        ("drop-old-column", "ban-drop-column" | "ban-drop-function") => true,
        // The plan's own sync-trigger functions (`<table>_<column>_sync`), created in expand.
        (_, "ban-drop-function")
            if s.sql.starts_with("DROP FUNCTION ")
                && (s.sql.ends_with("_sync()") || s.sql.ends_with("_sync\"()")) =>
        {
            true
        }
        // The renamed table is moved into the backup schema in the same transaction.
        ("move-table-to-backup", "renaming-table") => true,
        // The backup copy's own columns, kept as text while their type is dropped, and the
        // defaults that would tie the moved table to a sequence the plan drops.
        ("move-table-to-backup", "ban-drop-default" | "changing-column-type") => true,
        // The server itself said it changes this type without a rewrite (probed).
        ("alter-column-type", "changing-column-type") => step
            .notes
            .iter()
            .any(|n| n.contains("without rewriting the table")),
        // The temporary CHECK (col IS NOT NULL) that proved NOT NULL.
        (_, "ban-drop-constraint") => {
            s.sql.contains(" DROP CONSTRAINT ")
                && s.sql
                    .trim_end()
                    .trim_end_matches('"')
                    .ends_with(schemadiff::ddl::column::NOT_NULL_CHECK_TAG)
        }
        // SET NOT NULL under a name of its own (PostgreSQL 18+, `ADD CONSTRAINT n NOT NULL c`),
        // proved by the validated temporary check the same step drops: no scan.
        ("alter-column-not-null" | "set-not-null", "constraint-missing-not-valid") => {
            !s.sql.contains(" CHECK ")
                && step.forward.iter().any(|f| {
                    f.sql
                        .trim_end()
                        .trim_end_matches('"')
                        .ends_with(schemadiff::ddl::column::NOT_NULL_CHECK_TAG)
                })
        }
        ("swap-index", "renaming-object") => s.sql.starts_with("ALTER INDEX "),
        // An online table or view rename keeps the old name working as a view over the new
        // one, created in the same transaction (contract drops it, flagged).
        (
            "rename-table" | "rename-view" | "rename-materialized-view",
            "renaming-table" | "renaming-object" | "ban-set-schema",
        ) => step
            .forward
            .iter()
            .any(|f| f.sql.starts_with("CREATE VIEW ")),
        // Index and constraint names are not used by application code; a renamed table's
        // owned sequence is used by its default, through its oid, not by name.
        ("rename-index" | "rename-constraint" | "rename-not-null", "renaming-object") => true,
        // A NOT NULL constraint's name (PostgreSQL 18+) set with a type change or a column
        // rename: no application code uses it either.
        ("alter-column-type" | "rename-column", "renaming-object") => {
            s.sql.contains(" RENAME CONSTRAINT ")
        }
        ("rename-sequence", "renaming-object") => step
            .notes
            .iter()
            .any(|n| n.starts_with("follows the rename of")),
        ("create-index", "require-concurrent-index-creation") => s.sql.contains(" ON ONLY "),
        // SQL value functions are STABLE, not VOLATILE: no rewrite (squawk knows now(), not
        // these keywords).
        ("add-column", "adding-field-with-default") => [
            "CURRENT_DATE",
            "CURRENT_TIMESTAMP",
            "CURRENT_TIME",
            "LOCALTIMESTAMP",
            "LOCALTIME",
        ]
        .iter()
        .any(|f| s.sql.contains(&format!(" DEFAULT {f}"))),
        // Planned without CONCURRENTLY only on partitioned tables, which refuse it.
        ("drop-index", "require-concurrent-index-deletion") => step
            .notes
            .iter()
            .any(|n| n.contains("cannot drop an index of a partitioned table")),
        _ => false,
    }
}

/// (0-based first line, step, statement) of every statement of the phase's script, in order.
fn statement_lines<'a>(
    plan: &'a Plan,
    phase: Phase,
    script: &str,
) -> Vec<(usize, &'a Step, &'a Statement)> {
    let lines: Vec<&str> = script.lines().collect();
    let mut at = 0;
    let mut out = Vec::new();
    for step in steps(plan, &[phase], Direction::Forward) {
        for seg in segments(step, Direction::Forward) {
            for s in seg.statements {
                let first = s.sql.lines().next().unwrap_or_default().trim_end();
                while at < lines.len() && !lines[at].starts_with(first) {
                    at += 1;
                }
                out.push((at, step, s));
            }
        }
    }
    out
}
