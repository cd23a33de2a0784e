//! The desired files' `backfill using=` / `reverse=` expressions, tried on real servers
//! before anything is planned: a typo would otherwise reach the sync trigger, where every
//! write to the table would fail with it. `using=` runs over the current table (the `from`
//! side), `reverse=` over the desired one (the `to` side), as `SELECT (expr) FROM t LIMIT 0`
//! in a read-only transaction that is rolled back: names and types are checked, no row is
//! read and nothing is changed.

use super::db_message;
use crate::error::Error;
use crate::model::{Catalog, ObjectId};
use crate::plan::Hints;
use tokio_postgres::Client;

/// The first expression that does not run, as a located error.
pub async fn backfill_expressions(
    hints: &Hints,
    (from, to): (&Catalog, &Catalog),
    (from_client, to_client): (&Client, &Client),
) -> Result<(), Error> {
    for (id, b) in &hints.backfills {
        let ObjectId::Column { table, column } = id else {
            continue;
        };
        let target = to
            .tables
            .get(table)
            .and_then(|t| t.column(column))
            .map(|c| c.type_name.clone());
        // Only where the plan fills the column: a table the plan creates has no rows, and a
        // column that is already as desired (the migration ran) needs nothing.
        let current = from
            .tables
            .get(table)
            .map(|t| t.column(column).map(|c| &c.type_name));
        let fills = match current {
            None => false,
            Some(None) => true,
            Some(Some(ty)) => Some(ty) != target.as_ref(),
        };
        if !fills {
            continue;
        }
        {
            try_expression(from_client, &format!("({}) ", b.using), &table.to_string())
                .await
                .map_err(|e| {
                    Error::Usage(format!(
                        "{}: backfill using=\"{}\" does not run on {table} as it is: {e}",
                        b.location, b.using
                    ))
                })?;
        }
        if let (Some(reverse), Some(_)) = (&b.reverse, &target) {
            try_expression(to_client, &format!("({reverse}) "), &table.to_string())
                .await
                .map_err(|e| {
                    Error::Usage(format!(
                        "{}: backfill reverse=\"{reverse}\" does not run on {table} as desired: {e}",
                        b.location
                    ))
                })?;
        }
    }
    Ok(())
}

async fn try_expression(client: &Client, expr: &str, table: &str) -> Result<(), String> {
    let sql = format!("BEGIN READ ONLY; SELECT {expr}FROM {table} LIMIT 0");
    let result = client.simple_query(&sql).await;
    let _ = client.simple_query("ROLLBACK").await;
    result.map(|_| ()).map_err(|e| db_message(&e))
}
