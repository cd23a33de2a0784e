//! Loading ordered desired statements into a database (normally a shadow database),
//! with errors pointing into the user's files.

use super::error::Location;
use super::session::Session;
use super::{Statement, StatementKind};
use std::fmt;
use tokio_postgres::error::{DbError, ErrorPosition, SqlState};

/// A statement PostgreSQL refused, located in the desired-state files.
#[derive(Debug)]
pub struct LoadError {
    /// Where in the files: the server's error position when it gave one, otherwise the
    /// statement's start. `None` for errors not tied to a statement (session setup).
    pub location: Option<Location>,
    pub message: String,
    pub detail: Option<String>,
    pub hint: Option<String>,
    /// SQLSTATE, when the server gave one.
    pub code: Option<String>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(detail) = &self.detail {
            write!(f, "\nDETAIL: {detail}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\nHINT: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    fn new(statement: Option<&Statement>, error: &tokio_postgres::Error) -> Self {
        let Some(db) = error.as_db_error() else {
            return LoadError {
                location: statement.map(|s| s.location.clone()),
                message: error.to_string(),
                detail: None,
                hint: None,
                code: error.code().map(|c| c.code().to_string()),
            };
        };
        LoadError {
            location: statement.map(|s| locate(s, db)),
            message: db.message().to_string(),
            detail: db.detail().map(str::to_string),
            hint: db.hint().map(str::to_string),
            code: Some(db.code().code().to_string()),
        }
    }
}

/// The server's position is a 1-based character offset into the statement as sent, which
/// is the statement's exact text from the file.
fn locate(statement: &Statement, db: &DbError) -> Location {
    match db.position() {
        Some(ErrorPosition::Original(pos)) if *pos > 0 => {
            let before: String = statement.sql.chars().take(*pos as usize - 1).collect();
            statement.location.advance(&before)
        }
        _ => statement.location.clone(),
    }
}

/// Errors that mean "something this statement needs does not exist yet": such statements
/// are retried after the others, in case ordering missed a dependency.
fn is_missing_object(error: &tokio_postgres::Error) -> bool {
    error.code().is_some_and(|c| {
        [
            SqlState::UNDEFINED_TABLE,
            SqlState::UNDEFINED_OBJECT,
            SqlState::UNDEFINED_FUNCTION,
            SqlState::INVALID_SCHEMA_NAME,
        ]
        .contains(c)
    })
}

/// Statements per transaction in the first pass: few enough that their locks (a few per
/// statement, held to the commit) stay far under the lock table (`max_locks_per_transaction`
/// x connections, 6,400 by default), many enough that a large schema loads in a fraction of
/// the round trips and commits.
const BATCH_STATEMENTS: usize = 100;
/// ...and at most this much text per round trip.
const BATCH_BYTES: usize = 256 * 1024;

/// Run the statements in the given order, each in the session settings of its place in its
/// file. The first pass sends consecutive statements of the same session as one transaction
/// per round trip; a batch that fails is rolled back and its statements are run one by one
/// in autocommit, as every later pass runs them. Statements failing on a missing object are
/// retried after the rest until a whole pass makes no progress; then the first of them that
/// still fails is reported. Any other error is reported at once, located in the files (a
/// statement that may not run in a transaction block only costs its batch the fallback).
/// Skipped statements (role blocks) are not run. The session's settings are reset afterwards.
pub async fn load(client: &tokio_postgres::Client, stmts: &[Statement]) -> Result<(), LoadError> {
    // SQL-function bodies are then checked at call time, so they need no ordering. The
    // database is a throwaway: its commits need not wait for the WAL to reach the disk.
    client
        .batch_execute("SET check_function_bodies = off; SET synchronous_commit = off")
        .await
        .map_err(|e| LoadError::new(None, &e))?;
    let mut current = Session::default();
    // Event triggers fire on the DDL run after them: one that raises on `CREATE TABLE`
    // would stop the load. They (and what alters or comments on them, which does not fire
    // one) are loaded after everything else, retries included.
    let (late, runnable): (Vec<&Statement>, Vec<&Statement>) = stmts
        .iter()
        .filter(|s| s.kind != StatementKind::RoleBlock)
        .partition(|s| is_event_trigger(&s.sql));
    // Access methods come first, each without a `default_table_access_method` its file set
    // before it: setting one that does not exist yet fails when the session is switched,
    // before any statement could be retried, and the file may set it above the `CREATE
    // ACCESS METHOD` that makes it. Their handlers are built in, or retried like the rest
    // (they stay in the same run).
    let (early, rest): (Vec<&Statement>, Vec<&Statement>) = runnable
        .into_iter()
        .partition(|s| creates_access_method(&s.sql));
    let early: Vec<Statement> = early
        .into_iter()
        .map(|s| {
            let mut s = s.clone();
            s.session.settings.remove("default_table_access_method");
            s
        })
        .collect();
    let runnable: Vec<&Statement> = early.iter().chain(rest).collect();
    run_all(client, &mut current, &runnable).await?;
    run_all(client, &mut current, &late).await?;
    client
        .batch_execute("RESET ALL")
        .await
        .map_err(|e| LoadError::new(None, &e))
}

/// The first pass in batches, then the retries one by one (see [`load`]).
async fn run_all(
    client: &tokio_postgres::Client,
    current: &mut Session,
    runnable: &[&Statement],
) -> Result<(), LoadError> {
    if runnable.is_empty() {
        return Ok(());
    }
    let mut pass = Pass::default();
    let batches = batches(runnable);
    let progress = progress(runnable.len());
    let mut singly = 0;
    for batch in &batches {
        switch_session(client, current, &batch[0].session).await?;
        if !(batch.len() > 1 && run_batch(client, batch).await) {
            singly += 1;
            pass.run_singly(client, current, batch).await?;
        }
        if let Some(bar) = &progress {
            bar.inc(batch.len() as u64);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    crate::timing::count("load batches", batches.len());
    crate::timing::count("load batches run singly", singly);
    let mut pending = pass.finish(runnable.len()).map_err(|e| *e)?;
    while !pending.is_empty() {
        let mut pass = Pass::default();
        pass.run_singly(client, current, &pending).await?;
        pending = pass.finish(pending.len()).map_err(|e| *e)?;
    }
    Ok(())
}

/// `CREATE ACCESS METHOD`.
fn creates_access_method(sql: &str) -> bool {
    let words = super::split::leading_words(sql, 3);
    words.first().is_some_and(|w| w == "CREATE")
        && words.get(1).is_some_and(|w| w == "ACCESS")
        && words.get(2).is_some_and(|w| w == "METHOD")
}

/// `CREATE`, `ALTER` or `COMMENT ON` an event trigger.
fn is_event_trigger(sql: &str) -> bool {
    let words = super::split::leading_words(sql, 5);
    let at = match words.first().map(String::as_str) {
        Some("CREATE" | "ALTER") => 1,
        Some("COMMENT") if words.get(1).is_some_and(|w| w == "ON") => 2,
        _ => return false,
    };
    words.get(at).is_some_and(|w| w == "EVENT") && words.get(at + 1).is_some_and(|w| w == "TRIGGER")
}

/// Statements from which loading shows a bar: a few seconds' work.
const PROGRESS_FROM: usize = 2_000;

/// A bar on stderr while a large desired state loads, on a terminal only (a CI log gets the
/// plan's own output and no redrawn lines).
fn progress(statements: usize) -> Option<indicatif::ProgressBar> {
    if statements < PROGRESS_FROM || !console::Term::stderr().is_term() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(statements as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "loading the desired state [{bar:30}] {human_pos}/{human_len} statements, ETA {eta}",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    Some(bar)
}

/// Runs of consecutive statements in the same session, cut at the batch limits.
fn batches<'s>(statements: &'s [&'s Statement]) -> Vec<&'s [&'s Statement]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, s) in statements.iter().enumerate() {
        let full = i - start == BATCH_STATEMENTS || bytes + s.sql.len() > BATCH_BYTES;
        if i > start && (full || s.session != statements[start].session) {
            out.push(&statements[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += s.sql.len();
    }
    if start < statements.len() {
        out.push(&statements[start..]);
    }
    out
}

/// The batch as one transaction in one round trip; false (and nothing of it kept) when any
/// statement of it failed.
async fn run_batch(client: &tokio_postgres::Client, batch: &[&Statement]) -> bool {
    let mut sql = String::from("BEGIN;\n");
    for s in batch {
        // The newline ends a trailing line comment before the separator.
        sql.push_str(&s.sql);
        sql.push_str("\n;\n");
    }
    sql.push_str("COMMIT;");
    if client.batch_execute(&sql).await.is_ok() {
        return true;
    }
    // The failed statement aborted the transaction; end it (an error here resurfaces as
    // the statements' own when they are run one by one).
    let _ = client.batch_execute("ROLLBACK").await;
    false
}

/// One pass of statements run one by one: those deferred for a missing object and the first
/// such error.
#[derive(Default)]
struct Pass<'s> {
    deferred: Vec<&'s Statement>,
    first_error: Option<LoadError>,
}

impl<'s> Pass<'s> {
    async fn run_singly(
        &mut self,
        client: &tokio_postgres::Client,
        current: &mut Session,
        statements: &[&'s Statement],
    ) -> Result<(), LoadError> {
        for &statement in statements {
            switch_session(client, current, &statement.session).await?;
            match client.batch_execute(&statement.sql).await {
                Ok(()) => {}
                Err(e) if is_missing_object(&e) => {
                    self.first_error
                        .get_or_insert_with(|| LoadError::new(Some(statement), &e));
                    self.deferred.push(statement);
                }
                Err(e) => return Err(LoadError::new(Some(statement), &e)),
            }
        }
        Ok(())
    }

    /// The statements for the next pass; the first error when this pass, of `tried`
    /// statements, made no progress.
    fn finish(self, tried: usize) -> Result<Vec<&'s Statement>, Box<LoadError>> {
        match self.first_error {
            Some(error) if self.deferred.len() == tried => Err(Box::new(error)),
            _ => Ok(self.deferred),
        }
    }
}

/// Bring the session from the settings `current` to `wanted`: settings no longer listed go
/// back to their defaults, changed ones are set. An error points at the `SET` in the file.
async fn switch_session(
    client: &tokio_postgres::Client,
    current: &mut Session,
    wanted: &Session,
) -> Result<(), LoadError> {
    for name in current.settings.keys() {
        if !wanted.settings.contains_key(name) {
            // Names come from session's fixed list of applied settings.
            client
                .batch_execute(&format!("RESET {name}"))
                .await
                .map_err(|e| LoadError::new(None, &e))?;
        }
    }
    for (name, setting) in &wanted.settings {
        if current.settings.get(name).map(|s| &s.value) == Some(&setting.value) {
            continue;
        }
        client
            .execute(
                "SELECT pg_catalog.set_config($1, $2, false)",
                &[name, &setting.value],
            )
            .await
            .map_err(|e| {
                let mut error = LoadError::new(None, &e);
                error.location = Some(setting.location.clone());
                error
            })?;
    }
    *current = wanted.clone();
    Ok(())
}
