//! `sqitch`: a plan file and three scripts per change.
//!
//! ```text
//! DIR/sqitch.plan                         -- %project=<dir name>; one line per change,
//!                                         -- each requiring the one before: 0002_<slug>_expand_2 [0001_<slug>_expand] ...
//! DIR/deploy/0001_<slug>_expand.sql
//! DIR/revert/0001_<slug>_expand.sql
//! DIR/verify/0001_<slug>_expand.sql       -- fails unless the objects the change made exist
//! ```
//!
//! sqitch runs each script with psql and no transaction of its own: transactional parts are
//! `BEGIN; ... COMMIT;`, a non-transactional statement stands alone. DIR must hold
//! `sqitch.conf` or be given as sqitch's top directory (`sqitch init` writes one; schemadiff
//! writes `sqitch.plan` when it is missing). Change names carry four-digit sequence numbers.

use super::sql::Execution;
use super::{Context, Existing, File, Layout, Migration, Scheme, comment, foreign};
use crate::error::Error;
use crate::model::{Catalog, ObjectId, QualifiedName};
use std::path::Path;

pub struct Sqitch;

impl Layout for Sqitch {
    fn default_scheme(&self) -> Scheme {
        Scheme::Sequence { width: 4 }
    }

    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error> {
        let plan = dir.join("sqitch.plan");
        if !plan.exists() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for (i, line) in super::read(&plan)?.lines().enumerate() {
            let line = line.trim();
            if line.is_empty()
                || line.starts_with('%')
                || line.starts_with('#')
                || line.starts_with('@')
            {
                continue;
            }
            let name = line
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            let path = dir.join("deploy").join(format!("{name}.sql"));
            if !path.is_file() {
                return Err(Error::Usage(format!(
                    "{}:{}: change {name} has no deploy script {}",
                    plan.display(),
                    i + 1,
                    path.display()
                )));
            }
            // Continue the numbering of changes named NNNN_...; others count by position.
            let version = super::version_prefix(&name, "_")
                .map(|(v, _)| v.to_string())
                .unwrap_or_else(|| format!("{:04}", out.len() + 1));
            out.push(Existing {
                version,
                name,
                up: Some(super::read(&path)?),
                path,
            });
        }
        if out.is_empty() && !super::entries(&dir.join("deploy"))?.is_empty() {
            return Err(foreign(&plan, "sqitch", "a change line per deploy script"));
        }
        Ok(out)
    }

    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error> {
        let plan_path = ctx.dir.join("sqitch.plan");
        let mut plan = if plan_path.exists() {
            super::read(&plan_path)?
        } else {
            let project = ctx
                .dir
                .canonicalize()
                .ok()
                .and_then(|d| d.file_name().map(|n| project_name(&n.to_string_lossy())))
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "schema".into());
            format!("%syntax-version=1.0.0\n%project={project}\n\n")
        };
        if !plan.ends_with('\n') {
            plan.push('\n');
        }
        let secs = ctx
            .now
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut previous = ctx.existing.last().map(|e| e.name.clone());
        let mut out = Vec::new();
        for (version, m) in new {
            let name = format!("{version}_{}", super::file_stem(ctx.slug, m));
            let header = comment(&m.header(), "--");
            let what = name.clone();
            let deploy = super::body_text(&m.up, Execution::Psql, &what)?;
            let revert = super::body_text(&m.down, Execution::Psql, &what)?;
            for (folder, text) in [
                ("deploy", format!("{header}\n{deploy}")),
                (
                    "revert",
                    format!("{header}-- revert: undoes deploy/{name}.sql\n\n{revert}"),
                ),
                (
                    "verify",
                    format!(
                        "{header}-- verify: fails unless deploy/{name}.sql took effect\n\n{}",
                        verify(m, ctx.to)
                    ),
                ),
            ] {
                out.push(File {
                    path: ctx.dir.join(folder).join(format!("{name}.sql")),
                    contents: text,
                    replaces: false,
                });
            }
            let requires = previous
                .as_ref()
                .map(|p| format!("[{p}] "))
                .unwrap_or_default();
            plan.push_str(&format!(
                "{name} {requires}{} schemadiff <schemadiff@localhost> # {} phase: {}\n",
                super::numbering::iso8601(secs),
                m.phase,
                m.phase.when()
            ));
            previous = Some(name);
        }
        out.push(File {
            path: plan_path,
            contents: plan,
            replaces: true,
        });
        Ok(out)
    }
}

/// A valid sqitch project name from a folder name: letters, digits, `_` and `-`, starting
/// and ending with a letter or `_`.
fn project_name(folder: &str) -> String {
    let kept: String = folder
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    kept.trim_matches(|c: char| !(c.is_alphabetic() || c == '_'))
        .to_string()
}

/// Checks that the objects a change's steps are about are as the desired state has them:
/// present when it has them, gone when it does not. Each failing check raises an error, as
/// `sqitch verify` expects.
fn verify(m: &Migration, to: &Catalog) -> String {
    let mut checks = Vec::new();
    for object in &m.objects {
        if let Some((exists_sql, present)) = check(object, to) {
            let (cond, what) = if present {
                (format!("NOT ({exists_sql})"), "missing")
            } else {
                (exists_sql, "still there")
            };
            let message = format!("{object} {what}").replace('\'', "''");
            checks.push(format!(
                "  IF {cond} THEN RAISE EXCEPTION '{message}'; END IF;\n"
            ));
        }
    }
    checks.dedup();
    if checks.is_empty() {
        return "-- nothing this change makes can be looked up by name\nSELECT 1;\n".into();
    }
    format!("DO $verify$\nBEGIN\n{}END\n$verify$;\n", checks.concat())
}

fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn regclass(name: &QualifiedName) -> String {
    format!("to_regclass({}) IS NOT NULL", lit(&name.to_string()))
}

/// A query true when `object` exists, and whether the desired state has it.
fn check(object: &ObjectId, to: &Catalog) -> Option<(String, bool)> {
    Some(match object {
        ObjectId::Table { name } => (regclass(name), to.tables.contains_key(name)),
        ObjectId::View { name } | ObjectId::MaterializedView { name } => {
            (regclass(name), to.views.contains_key(name))
        }
        ObjectId::Sequence { name } => (regclass(name), to.sequences.contains_key(name)),
        ObjectId::Index { table, name } => {
            let q = QualifiedName::new(table.schema.clone(), name.clone());
            let present = to
                .tables
                .get(table)
                .is_some_and(|t| t.indexes.contains_key(name) || t.constraints.contains_key(name));
            (regclass(&q), present)
        }
        ObjectId::Column { table, column } => (
            format!(
                "EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass({}) AND attname = {} AND NOT attisdropped)",
                lit(&table.to_string()),
                lit(column)
            ),
            to.tables
                .get(table)
                .is_some_and(|t| t.column(column).is_some()),
        ),
        ObjectId::Constraint { table, name } => (
            format!(
                "EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass({}) AND conname = {})",
                lit(&table.to_string()),
                lit(name)
            ),
            to.tables
                .get(table)
                .is_some_and(|t| t.constraints.contains_key(name)),
        ),
        ObjectId::Schema { name } => (
            format!(
                "EXISTS (SELECT FROM pg_namespace WHERE nspname = {})",
                lit(name)
            ),
            to.schemas.contains_key(name),
        ),
        _ => return None,
    })
}
