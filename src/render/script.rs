//! The SQL scripts: what `psql -X -v ON_ERROR_STOP=1 -f` runs against the `from` database in
//! autocommit mode. A step of several transactional statements runs in its own transaction
//! block (all or nothing); a step that may not run in one (`CREATE INDEX CONCURRENTLY`,
//! `ALTER TYPE ... ADD VALUE`) runs its statements one by one. No psql meta-commands.

use super::title;
use crate::plan::{Plan, Step};
use std::io::{self, Write};

pub fn render_forward(plan: &Plan, out: &mut impl Write) -> io::Result<()> {
    let steps: Vec<&Step> = plan.steps.iter().filter(|s| !s.sql.is_empty()).collect();
    if steps.is_empty() {
        return writeln!(out, "-- schemadiff: no changes");
    }
    writeln!(out, "-- schemadiff: {} steps", steps.len())?;
    write_session_settings(out)?;
    for (i, step) in steps.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "-- step {}/{}: {}", i + 1, steps.len(), title(step))?;
        write_statements(out, &step.sql, step.transactional)?;
    }
    Ok(())
}

pub fn render_reverse(plan: &Plan, out: &mut impl Write) -> io::Result<()> {
    let steps: Vec<&Step> = plan
        .reverse_steps()
        .filter(|s| !s.reverse.is_empty() || s.reverse_note.is_some())
        .collect();
    if steps.is_empty() {
        return writeln!(out, "-- schemadiff: no changes");
    }
    writeln!(out, "-- schemadiff: reverse, {} steps", steps.len())?;
    write_session_settings(out)?;
    for (i, step) in steps.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "-- undo {}/{}: {}", i + 1, steps.len(), title(step))?;
        if let Some(note) = &step.reverse_note {
            writeln!(out, "-- cannot restore: {note}")?;
        }
        write_statements(out, &step.reverse, step.transactional)?;
    }
    Ok(())
}

fn write_statements(out: &mut impl Write, sql: &[String], transactional: bool) -> io::Result<()> {
    let block = transactional && sql.len() > 1;
    if block {
        writeln!(out, "BEGIN;")?;
    }
    for s in sql {
        writeln!(out, "{};", s.trim_end())?;
    }
    if block {
        writeln!(out, "COMMIT;")?;
    }
    Ok(())
}

/// Like pg_dump: SQL-function bodies are checked when they run, not when they are created,
/// since pg_depend does not record what a (non-atomic) body reads and so cannot order it.
fn write_session_settings(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "SET check_function_bodies = false;")
}
