//! A migration body as SQL text: the statements with the `SET lock_timeout` /
//! `statement_timeout` that the psql script would write before them (the same
//! `render::Session`, so the two can never disagree). Every body sets `lock_timeout` before its
//! first statement, so each migration runs the same when run alone.

use super::migration::{Body, Part};
use crate::plan::Statement;
use crate::render::Session;

/// One statement to run, without its terminating `;`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Runnable {
    pub sql: String,
    /// False for the statements that must run alone, outside a transaction block.
    pub transactional: bool,
}

/// A part's statements, each preceded by the `SET`s that give it its timeouts.
fn part_runnables(session: &mut Session, part: &Part) -> Vec<Runnable> {
    let mut out = Vec::new();
    for s in &part.statements {
        out.extend(settings(session, s));
        out.push(Runnable {
            sql: s.sql.trim_end().trim_end_matches(';').to_string(),
            transactional: s.transactional,
        });
    }
    out
}

fn settings(session: &mut Session, s: &Statement) -> Vec<Runnable> {
    let mut buf = Vec::new();
    session
        .set(&mut buf, s)
        .expect("writing to a Vec cannot fail");
    String::from_utf8(buf)
        .expect("settings are UTF-8")
        .lines()
        .map(|l| Runnable {
            sql: l.trim_end_matches(';').to_string(),
            transactional: true,
        })
        .collect()
}

/// Every statement of a body with its timeouts, for runners that take a list of statements
/// (Django's `RunSQL`, Alembic's `op.execute`, Liquibase changesets) or run a file statement
/// by statement. `check_function_bodies` is off as in the psql script.
pub fn runnables(body: &Body) -> Vec<Runnable> {
    if body.is_empty() {
        return Vec::new();
    }
    let mut session = Session::default();
    let mut out = vec![Runnable {
        sql: "SET check_function_bodies = false".into(),
        transactional: true,
    }];
    for part in &body.segments {
        out.extend(part_runnables(&mut session, part));
    }
    out
}

/// The runnables of each part of a body, with the settings carried over between parts.
pub fn runnables_by_part(body: &Body) -> Vec<(bool, Vec<Runnable>)> {
    let mut session = Session::default();
    let mut out = Vec::new();
    for (i, part) in body.segments.iter().enumerate() {
        let mut r = Vec::new();
        if i == 0 {
            r.push(Runnable {
                sql: "SET check_function_bodies = false".into(),
                transactional: true,
            });
        }
        r.extend(part_runnables(&mut session, part));
        out.push((part.transactional, r));
    }
    out
}

/// How a runner executes a migration's SQL text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Execution {
    /// Statement by statement on one session, inside the runner's own transaction when the
    /// body is transactional (Flyway, goose, Alembic, Django, Liquibase).
    ByStatement,
    /// By psql (`plain`, sqitch): no transaction of the runner's own, so a transactional part
    /// of several statements is written as `BEGIN; ... COMMIT;`.
    Psql,
    /// The whole text as one multi-statement query (dbmate, golang-migrate, Prisma):
    /// PostgreSQL runs that as one implicit transaction, so a statement that may not run in
    /// a transaction block must be the only statement of its file (no `SET` either).
    OneQuery,
}

/// The body as SQL text for a runner that executes it as `execution` says, or why it cannot.
pub fn text(body: &Body, execution: Execution) -> Result<String, String> {
    let mut out = String::new();
    for note in &body.notes {
        out.push_str(&format!("-- way back: {note}\n"));
    }
    if body.is_empty() {
        return Ok(out);
    }
    if execution == Execution::OneQuery && !body.transactional() {
        let only = single_statement(body)?;
        out.push_str(&format!("{};\n", only.sql.trim_end().trim_end_matches(';')));
        return Ok(out);
    }
    for (transactional, runnables) in runnables_by_part(body) {
        // One query is one implicit transaction already; a runner's own transaction must not
        // be ended by a COMMIT of ours.
        let block = execution == Execution::Psql && transactional && runnables.len() > 1;
        if block {
            out.push_str("BEGIN;\n");
        }
        for r in runnables {
            out.push_str(&r.sql);
            out.push_str(";\n");
        }
        if block {
            out.push_str("COMMIT;\n");
        }
    }
    Ok(out)
}

/// The one statement of a non-transactional body, for runners that send a file as one query.
pub fn single_statement(body: &Body) -> Result<&Statement, String> {
    let mut all = body.statements();
    match (all.next(), all.next()) {
        (Some(s), None) => Ok(s),
        _ => Err(format!(
            "{} statements must run outside a transaction in one migration, which a runner that sends a file as one query cannot do",
            body.statements().count()
        )),
    }
}

/// The header's note for a file whose lock_timeout cannot be set inside it.
pub const CONNECTION_TIMEOUT_NOTE: &str = "lock_timeout: this runner sends the file as one query, so the statement must stand alone: set lock_timeout on the runner's connection (PGOPTIONS='-c lock_timeout=2s' or ?options=-c%20lock_timeout%3D2s)";
