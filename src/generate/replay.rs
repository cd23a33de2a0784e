//! The current state of a migrations directory: the up parts of its migrations, in the
//! runner's order, run into a shadow database. Each statement runs alone in autocommit
//! (`simple_query`), as the runners run `CREATE INDEX CONCURRENTLY` and backfill `DO` blocks
//! that COMMIT; a `BEGIN; ... COMMIT;` written in a file still groups its statements. Files
//! are cut with the desired files' lexer (`source::split_statements`), so a failing
//! statement is reported at its file:line:column.

use super::Existing;
use crate::error::Error;
use crate::source::{Location, SplitItem, split_statements};
use tokio_postgres::Client;

/// One statement to replay, and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Replayed {
    pub sql: String,
    pub location: Location,
}

/// The statements of the migrations' up parts, in order. Code formats (no up SQL) cannot be
/// replayed here: the error asks for `--from`.
pub fn statements(existing: &[Existing], format: &str) -> Result<Vec<Replayed>, Error> {
    let mut out = Vec::new();
    for e in existing {
        let Some(up) = &e.up else {
            return Err(Error::Usage(format!(
                "{}: {format} migrations are Python code, which schemadiff does not run: pass --from with a database the runner has migrated (for example a scratch database after `{}`)",
                e.path.display(),
                match format {
                    "alembic" => "alembic upgrade head",
                    _ => "python manage.py migrate",
                }
            )));
        };
        for item in split_statements(&e.path, up)? {
            match item {
                SplitItem::Sql(chunk) => out.push(Replayed {
                    sql: chunk.sql,
                    location: chunk.location,
                }),
                SplitItem::Meta {
                    command, location, ..
                } => {
                    return Err(Error::Usage(format!(
                        "{location}: psql meta-command \\{command} in a migration: runners do not run those"
                    )));
                }
            }
        }
    }
    Ok(out)
}

/// Run `statements` one by one on `client`; the first that fails is the error, located.
pub async fn run(client: &Client, statements: &[Replayed]) -> Result<(), Error> {
    for s in statements {
        client.simple_query(&s.sql).await.map_err(|e| {
            Error::Usage(format!(
                "{}: replaying the directory's migrations: {}",
                s.location,
                crate::resolve::db_message(&e)
            ))
        })?;
    }
    Ok(())
}
