//! Loading ordered desired statements into a database (normally a shadow database),
//! with errors pointing into the user's files.

use super::Statement;
use super::error::Location;
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

/// Run the statements in autocommit, in the given order. Statements failing on a missing
/// object are retried after the rest until a whole pass makes no progress; then the first
/// of them that still fails is reported. Any other error is reported at once.
pub async fn load(client: &tokio_postgres::Client, stmts: &[Statement]) -> Result<(), LoadError> {
    // SQL-function bodies are then checked at call time, so they need no ordering.
    client
        .batch_execute("SET check_function_bodies = off")
        .await
        .map_err(|e| LoadError::new(None, &e))?;
    let mut pending: Vec<&Statement> = stmts.iter().collect();
    while !pending.is_empty() {
        let mut deferred = Vec::new();
        let mut first_error = None;
        let before = pending.len();
        for statement in pending {
            match client.batch_execute(&statement.sql).await {
                Ok(()) => {}
                Err(e) if is_missing_object(&e) => {
                    first_error.get_or_insert_with(|| LoadError::new(Some(statement), &e));
                    deferred.push(statement);
                }
                Err(e) => return Err(LoadError::new(Some(statement), &e)),
            }
        }
        if deferred.len() == before
            && let Some(error) = first_error
        {
            return Err(error);
        }
        pending = deferred;
    }
    Ok(())
}
