//! `liquibase`: formatted SQL changelogs under one master changelog.
//!
//! ```text
//! DIR/changelog.yaml                        -- includeAll: changes/ (written once)
//! DIR/changes/0001_<slug>_expand.sql
//!   --liquibase formatted sql
//!   --changeset schemadiff:0001_<slug>_expand splitStatements:false
//!   ...
//!   --rollback ...
//! DIR/changes/0002_<slug>_expand_2.sql      -- two changesets, both runInTransaction:false:
//!                                           -- the timeouts, then the statement alone
//! ```
//!
//! Liquibase runs a changeset's SQL on one JDBC connection, in a transaction unless
//! `runInTransaction:false`. The JDBC driver sends a multi-statement string as one implicit
//! transaction, so a statement that may not run in a transaction block is a changeset of its
//! own, after a changeset that sets its timeouts on the same connection; a changeset whose
//! rollback must run outside a transaction is `runInTransaction:false` too (the setting
//! covers both). Rollbacks are `--rollback` lines; `splitStatements:false
//! rollbackSplitStatements:false` keep Liquibase's `;` splitter out of `DO` bodies. Four-digit
//! sequence numbers; `includeAll` runs the files in name order. Checked by Liquibase 4.28.

use super::sql::{Execution, single_statement};
use super::{Body, Context, Existing, File, Layout, Migration, Scheme, comment, entries, foreign};
use crate::error::Error;
use std::path::Path;

pub struct Liquibase;

const MASTER: &str = "changelog.yaml";

/// Statements are cut by schemadiff, not by Liquibase (whose `;` splitter cuts `DO` bodies);
/// rollbacks need saying so separately.
const SPLIT: &str = "splitStatements:false rollbackSplitStatements:false";
const EXPECTED: &str = "changelog.yaml and changes/NNNN_name.sql formatted SQL changelogs";

impl Layout for Liquibase {
    fn default_scheme(&self) -> Scheme {
        Scheme::Sequence { width: 4 }
    }

    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error> {
        for (path, name) in entries(dir)? {
            if name != MASTER && name != "changes" {
                return Err(foreign(&path, "liquibase", EXPECTED));
            }
        }
        let mut out = Vec::new();
        for (path, name) in entries(&dir.join("changes"))? {
            let text = super::read(&path)?;
            let Some((version, rest)) = super::version_prefix(&name, "_") else {
                return Err(foreign(&path, "liquibase", EXPECTED));
            };
            if !rest.ends_with(".sql")
                || !text.trim_start().starts_with("--liquibase formatted sql")
            {
                return Err(foreign(&path, "liquibase", EXPECTED));
            }
            let up = super::keep_lines(&text, |_, l| !is_directive(l));
            out.push(Existing {
                version: version.to_string(),
                name,
                up: Some(up),
                path,
            });
        }
        Ok(out)
    }

    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error> {
        let mut out = Vec::new();
        let master = ctx.dir.join(MASTER);
        if !master.exists() {
            out.push(File {
                path: master,
                contents: "# Written by schemadiff generate: every file of changes/, in name order.\ndatabaseChangeLog:\n  - includeAll:\n      path: changes/\n      relativeToChangelogFile: true\n".into(),
                replaces: false,
            });
        }
        for (version, m) in new {
            let id = format!("{version}_{}", super::file_stem(ctx.slug, m));
            let path = ctx.dir.join("changes").join(format!("{id}.sql"));
            let what = path.display().to_string();
            let mut text = format!(
                "--liquibase formatted sql\n\n{}\n",
                comment(&m.header(), "--")
            );
            let rollback = rollback(&m.down, &what)?;
            if m.up.transactional() {
                let sql = if m.up.is_empty() {
                    // Liquibase requires SQL in a changeset; this one only holds a rollback.
                    "SELECT 1;\n".to_string()
                } else {
                    super::body_text(&m.up, Execution::ByStatement, &what)?
                };
                // The changeset's setting covers its rollback too.
                let in_transaction = if m.down.transactional() {
                    ""
                } else {
                    " runInTransaction:false"
                };
                text.push_str(&format!(
                    "--changeset schemadiff:{id}{in_transaction} {SPLIT}\n{sql}{rollback}"
                ));
            } else {
                let runnables = super::sql::runnables(&m.up);
                let (settings, statement): (Vec<_>, Vec<_>) = runnables
                    .into_iter()
                    .partition(|r| r.sql.starts_with("SET "));
                let settings: String = settings.iter().map(|r| format!("{};\n", r.sql)).collect();
                let only = single_statement(&m.up)
                    .map_err(|e| Error::Usage(format!("cannot write {what}: {e}")))?;
                debug_assert_eq!(statement.len(), 1);
                text.push_str(&format!(
                    "--changeset schemadiff:{id}-timeouts runInTransaction:false\n{settings}--rollback {}\n\n",
                    settings.replace('\n', " ").trim_end()
                ));
                text.push_str(&format!(
                    "--changeset schemadiff:{id} runInTransaction:false {SPLIT}\n{};\n{rollback}",
                    only.sql.trim_end().trim_end_matches(';')
                ));
            }
            out.push(File {
                path,
                contents: text,
                replaces: false,
            });
        }
        Ok(out)
    }
}

/// The down body as `--rollback` lines. A rollback runs as one string, so a non-transactional
/// one is a single statement.
fn rollback(down: &Body, what: &str) -> Result<String, Error> {
    let sql = if down.is_empty() {
        // Liquibase refuses to roll back a changeset without a rollback.
        "SELECT 1;\n".to_string()
    } else if down.transactional() {
        super::body_text(down, Execution::ByStatement, what)?
    } else {
        let only = single_statement(down)
            .map_err(|e| Error::Usage(format!("cannot write {what}: {e}")))?;
        format!("{};\n", only.sql.trim_end().trim_end_matches(';'))
    };
    Ok(sql.lines().map(|l| format!("--rollback {l}\n")).collect())
}

fn is_directive(line: &str) -> bool {
    let l = line.trim_start();
    [
        "--liquibase",
        "--changeset",
        "--rollback",
        "--comment",
        "--preconditions",
        "--precondition-",
    ]
    .iter()
    .any(|d| l.starts_with(d))
}
