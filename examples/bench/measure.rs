//! The per-query profile of the introspection SQL, and time formatting.

use anyhow::{Context, Result, bail};
use std::time::{Duration, Instant};
use tokio_postgres::Client;

/// The catalog queries exactly as `introspect` builds them for this server (the library's
/// own list, with its per-version fragments), so that the profile can never drift from it.
pub async fn introspection_queries(client: &Client) -> Result<Vec<(String, String)>> {
    let version: i32 = client
        .query_one("SELECT current_setting('server_version_num')::int4", &[])
        .await?
        .get(0);
    let mut queries: Vec<(String, String)> = schemadiff::introspect::query_texts(version)
        .into_iter()
        .map(|(name, sql)| (name.to_string(), sql))
        .collect();
    queries.sort();
    Ok(queries)
}

/// The session the library's snapshot uses (see `SNAPSHOT_SETUP` in src/introspect): the
/// same settings change how much deparsing work the server does.
const SNAPSHOT_SETUP: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
SET LOCAL search_path = '';
SET LOCAL datestyle = 'ISO, YMD';
SET LOCAL intervalstyle = 'postgres';
SET LOCAL extra_float_digits = 3;
SET LOCAL timezone = 'UTC';
SET LOCAL jit = off;
SET LOCAL quote_all_identifiers = off;";

/// One query's cost: wall time seen by the client and the rows it returned.
pub struct QueryCost {
    pub name: String,
    pub elapsed: Duration,
    pub rows: usize,
}

/// Run every introspection query alone, one after another, and time each (slowest first).
pub async fn profile_queries(client: &Client) -> Result<Vec<QueryCost>> {
    let empty: Vec<String> = Vec::new();
    client.batch_execute(SNAPSHOT_SETUP).await?;
    let mut costs = Vec::new();
    for (name, sql) in introspection_queries(client).await? {
        let start = Instant::now();
        let rows = client
            .query(sql.as_str(), &[&empty, &empty])
            .await
            .with_context(|| format!("query {name}"))?;
        costs.push(QueryCost {
            name,
            elapsed: start.elapsed(),
            rows: rows.len(),
        });
    }
    client.batch_execute("ROLLBACK").await?;
    costs.sort_by_key(|c| std::cmp::Reverse(c.elapsed));
    Ok(costs)
}

/// `EXPLAIN (ANALYZE, BUFFERS)` of one introspection query, as text.
pub async fn explain(client: &Client, name: &str) -> Result<String> {
    let Some((_, sql)) = introspection_queries(client)
        .await?
        .into_iter()
        .find(|(n, _)| n == name)
    else {
        bail!("no introspection query named {name}");
    };
    let empty: Vec<String> = Vec::new();
    client.batch_execute(SNAPSHOT_SETUP).await?;
    let rows = client
        .query(
            format!("EXPLAIN (ANALYZE, BUFFERS) {sql}").as_str(),
            &[&empty, &empty],
        )
        .await;
    client.batch_execute("ROLLBACK").await?;
    let lines: Vec<String> = rows?.iter().map(|r| r.get::<_, String>(0)).collect();
    Ok(lines.join("\n"))
}

pub fn secs(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}
