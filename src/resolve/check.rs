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

/// Column type changes that no cast can make (`bigint` → `timestamp`) and no `using=`
/// explains, refused before planning: the shadow column's trigger would otherwise fail every
/// write. Tried as `SELECT CAST(col AS new) FROM t LIMIT 0` on the current side; only
/// "cannot be cast" refuses (a type that side lacks says nothing).
pub async fn type_changes(
    hints: &Hints,
    (from, to): (&Catalog, &Catalog),
    from_client: &Client,
) -> Result<(), Error> {
    let is_enum = |ty: &str| {
        [from, to].iter().any(|c| {
            c.enums.keys().any(|n| {
                let n = n.to_string();
                ty == n || ty == format!("{n}[]")
            })
        })
    };
    for (name, t) in &to.tables {
        let Some(ft) = from.tables.get(name) else {
            continue;
        };
        for c in &t.columns {
            let Some(fc) = ft.column(&c.name) else {
                continue;
            };
            let id = ObjectId::Column {
                table: name.clone(),
                column: c.name.clone(),
            };
            if fc.type_name == c.type_name || c.inherited || hints.backfills.contains_key(&id) {
                continue;
            }
            let col = crate::model::quote_ident(&c.name);
            let via = if is_enum(&c.type_name) || is_enum(&fc.type_name) {
                let text = if c.type_name.ends_with("[]") {
                    "text[]"
                } else {
                    "text"
                };
                format!("CAST(CAST({col} AS {text}) AS {}) ", c.type_name)
            } else {
                format!("CAST({col} AS {}) ", c.type_name)
            };
            let sql = format!("BEGIN READ ONLY; SELECT {via}FROM {name} LIMIT 0");
            let result = from_client.simple_query(&sql).await;
            let _ = from_client.simple_query("ROLLBACK").await;
            if let Err(e) = result
                && e.code() == Some(&tokio_postgres::error::SqlState::CANNOT_COERCE)
            {
                return Err(Error::Usage(format!(
                    "cannot plan {id}: {} cannot be cast to {} ({}); write `-- schemadiff:backfill using=\"<expression over the row>\"` on the line before the column",
                    fc.type_name,
                    c.type_name,
                    db_message(&e)
                )));
            }
        }
    }
    Ok(())
}

/// Extension version changes: one with no update path on the server is refused before
/// planning (the script would fail); one whose way back has no path is returned, so that
/// the plan says the reverse keeps the new version instead of writing a reverse that fails.
pub async fn extension_versions(
    (from, to): (&Catalog, &Catalog),
    client: &Client,
) -> Result<std::collections::BTreeSet<String>, Error> {
    let mut one_way = std::collections::BTreeSet::new();
    for (name, t) in &to.extensions {
        let Some(f) = from.extensions.get(name).filter(|f| f.version != t.version) else {
            continue;
        };
        let rows = client
            .query(
                "SELECT source, target FROM pg_catalog.pg_extension_update_paths($1) WHERE path IS NOT NULL AND ((source = $2 AND target = $3) OR (source = $3 AND target = $2))",
                &[&name, &f.version, &t.version],
            )
            .await
            .map_err(|e| {
                Error::Usage(format!(
                    "cannot read the update paths of extension {name}: {}",
                    db_message(&e)
                ))
            })?;
        let has = |a: &str, b: &str| {
            rows.iter()
                .any(|r| r.get::<_, String>(0) == a && r.get::<_, String>(1) == b)
        };
        if !has(&f.version, &t.version) {
            return Err(Error::Usage(format!(
                "cannot plan extension {name}: the server has no update path from version {} to {} (ALTER EXTENSION ... UPDATE would fail); pick a version it can reach, or drop and create the extension by hand",
                f.version, t.version
            )));
        }
        if !has(&t.version, &f.version) {
            one_way.insert(name.clone());
        }
    }
    Ok(one_way)
}

async fn try_expression(client: &Client, expr: &str, table: &str) -> Result<(), String> {
    let sql = format!("BEGIN READ ONLY; SELECT {expr}FROM {table} LIMIT 0");
    let result = client.simple_query(&sql).await;
    let _ = client.simple_query("ROLLBACK").await;
    result.map(|_| ()).map_err(|e| db_message(&e))
}
