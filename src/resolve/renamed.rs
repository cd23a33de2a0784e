//! The current state after the hinted renames of whole objects ([`crate::plan::renames`]):
//! a copy of the current state is loaded into a shadow database, the plan's own rename
//! statements run there, and the result is introspected. PostgreSQL rewrites what refers to
//! a renamed object (views, defaults, foreign keys), so the planner never guesses it.

use super::Shadows;
use crate::error::Error;
use crate::introspect::{Filter, introspect};
use crate::model::Catalog;
use crate::plan::{Hints, renames};
use crate::{dump, source};
use tokio_postgres::Client;

/// Load a catalog into an empty database through schemadiff's own dump, the way desired
/// files are loaded (`verify`'s copy of the live schema, the renamed state here).
pub async fn load_copy(copy: &Client, catalog: &Catalog) -> Result<(), Error> {
    let stmts = dump::dump(catalog)?;
    let dir = tempfile::tempdir().map_err(Error::io("cannot create a temporary directory"))?;
    let path = dir.path().join("copy.sql");
    let mut text = Vec::new();
    dump::render_dump(&stmts, &mut text).map_err(Error::io("cannot write the copy"))?;
    std::fs::write(&path, &text).map_err(Error::io("cannot write the copy"))?;
    let statements = source::order(source::read_desired(&path)?)?;
    source::load(copy, &statements).await?;
    Ok(())
}

/// `from` with the pending renames carried out, or `None` when no rename is pending.
pub async fn renamed_state(
    (from, to): (&Catalog, &Catalog),
    hints: &Hints,
    shadows: Option<&mut Shadows>,
    filter: &Filter,
) -> Result<Option<Catalog>, Error> {
    let pending = renames::pending(hints, from, to)?;
    if pending.is_empty() {
        return Ok(None);
    }
    let shadows = shadows.ok_or_else(|| Error::Usage("no shadow database available".into()))?;
    let client = shadows.create().await?;
    load_copy(&client, from).await?;
    for r in &pending {
        for sql in r.sql(from) {
            client.batch_execute(&sql).await.map_err(|e| {
                Error::Usage(format!(
                    "{}: renamed from={}: {sql}: {}",
                    r.location,
                    r.from,
                    super::db_message(&e)
                ))
            })?;
        }
    }
    let mut renamed = introspect(&client, filter).await?;
    // The copy is loaded from a dump, which writes no owners: they are `from`'s. (An object
    // renamed here is not in `from.owners` under its new name: its owner reads as the
    // connecting user's.)
    renamed.owners = from.owners.clone();
    renamed.keep_owners_of_objects();
    Ok(Some(renamed))
}
