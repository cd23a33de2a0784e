//! `alembic`: revision files in the versions directory.
//!
//! ```text
//! DIR/0001_<slug>_expand.py        -- revision = "0001"; down_revision = None (or the head)
//! DIR/0002_<slug>_expand_2.py      -- down_revision = "0001"; statements in autocommit_block()
//! ```
//!
//! Each revision runs its statements with `op.execute(sa.text(...))` (colons that `text()`
//! would bind are escaped); a statement that may not run in a transaction block runs inside
//! `op.get_context().autocommit_block()`, which commits Alembic's transaction first.
//! Revision ids continue the directory's numeric ids (four digits in a new directory). The
//! current state of a directory is what Alembic makes of it (`runner_replay`), or `--from`.

use super::python::{escape_binds, header, literal};
use super::sql::runnables_by_part;
use super::{Body, Context, Existing, File, Layout, Migration, Scheme, entries, foreign};
use crate::error::Error;
use std::path::Path;

pub struct Alembic;

const EXPECTED: &str = "revision files NNNN_name.py with revision = ... and down_revision = ...";

impl Layout for Alembic {
    fn default_scheme(&self) -> Scheme {
        Scheme::Sequence { width: 4 }
    }

    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error> {
        let mut revisions = Vec::new();
        for (path, name) in entries(dir)? {
            if name == "__pycache__" || name == "__init__.py" {
                continue;
            }
            let text = super::read(&path)?;
            let (Some(rev), true) = (assignment(&text, "revision"), name.ends_with(".py")) else {
                return Err(foreign(&path, "alembic", EXPECTED));
            };
            let down = assignment(&text, "down_revision");
            revisions.push((rev, down, path));
        }
        // The runner's order: follow down_revision from the root.
        let mut out = Vec::new();
        let mut parent: Option<String> = None;
        while let Some(i) = revisions.iter().position(|(_, d, _)| *d == parent) {
            let (rev, _, path) = revisions.remove(i);
            parent = Some(rev.clone());
            out.push(Existing {
                version: rev.clone(),
                name: rev,
                path,
                up: None,
            });
        }
        if let Some((rev, _, path)) = revisions.first() {
            return Err(Error::Usage(format!(
                "{}: revision {rev} is not on the one chain of down_revision from the root (branches are not supported)",
                path.display()
            )));
        }
        Ok(out)
    }

    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error> {
        let mut previous = ctx.existing.last().map(|e| e.name.clone());
        let mut out = Vec::new();
        for (version, m) in new {
            let stem = format!("{version}_{}", super::file_stem(ctx.slug, m));
            let down_revision = previous
                .as_ref()
                .map_or("None".to_string(), |p| format!("{p:?}"));
            let text = format!(
                "{}\"\"\"{}\"\"\"\nimport sqlalchemy as sa\nfrom alembic import op\n\nrevision = {version:?}\ndown_revision = {down_revision}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n{}\n\ndef downgrade() -> None:\n{}",
                header(&m.header()),
                stem,
                function_body(&m.up),
                function_body(&m.down),
            );
            out.push(File {
                path: ctx.dir.join(format!("{stem}.py")),
                contents: text,
                replaces: false,
            });
            previous = Some(version.clone());
        }
        Ok(out)
    }
}

fn function_body(body: &Body) -> String {
    let mut out = String::new();
    for note in &body.notes {
        out.push_str(&format!("    # way back: {note}\n"));
    }
    for (transactional, runnables) in runnables_by_part(body) {
        let indent = if transactional { "    " } else { "        " };
        if !transactional {
            out.push_str("    with op.get_context().autocommit_block():\n");
        }
        for r in runnables {
            out.push_str(&format!(
                "{indent}op.execute(sa.text({}))\n",
                literal(&escape_binds(&r.sql))
            ));
        }
    }
    if out.trim().is_empty() || body.is_empty() {
        out.push_str("    pass\n");
    }
    out
}

/// The string assigned to `name` at the start of a line (`revision = "0001"`), `None` for
/// `None` or no assignment.
fn assignment(text: &str, name: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let rest = l.strip_prefix(name)?.trim_start();
        let rest = rest.strip_prefix(':').map_or(rest, |r| {
            r.split_once('=').map_or(r, |(_, v)| v).trim_start()
        });
        let value = rest.strip_prefix('=').unwrap_or(rest).trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        (value != "None" && !value.is_empty()).then(|| value.to_string())
    })
}
