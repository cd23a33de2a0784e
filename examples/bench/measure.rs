//! Timing helpers: best-of-N, `pg_dump -s`, per-query profile of the introspection SQL, and
//! the process's peak memory.

use anyhow::{Context, Result, bail};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tokio_postgres::Client;

/// The fastest of `runs` runs of `f` and its last result. Best-of, not mean: on a shared
/// 2-core machine the noise is all upward.
pub async fn best_of<T, F, Fut>(runs: usize, mut f: F) -> Result<(Duration, T)>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs.max(1) {
        // Drop the previous result first, so that peak memory is that of one run.
        drop(last.take());
        let start = Instant::now();
        let value = f().await?;
        best = best.min(start.elapsed());
        last = Some(value);
    }
    Ok((best, last.expect("at least one run")))
}

/// How `pg_dump` reaches the database: libpq settings passed as environment variables, so
/// that a password never shows on a command line.
pub struct DumpTarget {
    pub program: PathBuf,
    pub env: Vec<(&'static str, String)>,
}

impl DumpTarget {
    /// One `pg_dump -s` of the whole database; the output is discarded after checking that
    /// the dump is not empty (a failed dump must not look fast).
    pub fn dump_schema(&self) -> Result<usize> {
        let out = Command::new(&self.program)
            .args(["--schema-only", "--no-password"])
            .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running {}", self.program.display()))?;
        if !out.status.success() {
            bail!(
                "pg_dump failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if out.stdout.is_empty() {
            bail!("pg_dump printed nothing");
        }
        Ok(out.stdout.len())
    }
}

/// The catalog queries exactly as `introspect` builds them: each `.sql` file of
/// `src/introspect/sql` with the namespace filter spliced in. Read from the source tree so
/// that the profile can never drift from the library's list of queries.
pub fn introspection_queries() -> Result<Vec<(String, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/introspect/sql");
    let namespaces =
        std::fs::read_to_string(dir.join("namespaces.sql")).context("reading namespaces.sql")?;
    let mut queries = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.extension().is_none_or(|e| e != "sql") || name == "namespaces" {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        queries.push((name, text.replace("@NS@", &namespaces)));
    }
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
    for (name, sql) in introspection_queries()? {
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
    let Some((_, sql)) = introspection_queries()?
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

/// Peak resident set size of this process (`VmHWM`), in MiB.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Start a new peak-RSS measurement: writing 5 to `clear_refs` resets `VmHWM` (Linux 4.0+).
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

pub fn secs(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}
