//! Benchmark: schemadiff introspection and planning against `pg_dump -s` on a large schema.
//!
//! ```text
//! cargo run --release --example bench [-- --tables N] [--runs R] [--explain] [--keep]
//! ```
//!
//! Builds a database of N tables (default 10000) with views, functions, sequences, enums and
//! comments on a throwaway local cluster (or on the server of `SCHEMADIFF_BENCH_URL`, where it
//! creates and drops two databases), then prints: introspection vs `pg_dump -s` wall time (best
//! of R, default 3), plan time for a copy with 1 % of the objects changed, the time of each
//! catalog query alone, peak RSS and catalog sizes. A program that prints numbers, not a test.

#[path = "bench/generate.rs"]
mod generate;
#[path = "bench/measure.rs"]
mod measure;

use anyhow::{Context, Result, bail};
use generate::Shape;
use measure::{DumpTarget, best_of, secs};
use schemadiff::cluster::{EphemeralCluster, find_bin_dir, find_client_program};
use schemadiff::connect::{ConnectOptions, Host, connect};
use schemadiff::introspect::{Filter, introspect};
use schemadiff::model::{Catalog, quote_ident};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio_postgres::Client;

const DB_A: &str = "schemadiff_bench_a";
const DB_B: &str = "schemadiff_bench_b";
/// Tables per loading transaction: each CREATE TABLE here takes ~8 locks (table, TOAST,
/// indexes, sequence, FK target), and the shared lock table holds 64 x 100 by default.
const CHUNK: usize = 250;

struct Args {
    tables: usize,
    runs: usize,
    explain: bool,
    /// With `SCHEMADIFF_BENCH_URL`: leave both databases behind for a closer look.
    keep: bool,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        tables: 10_000,
        runs: 3,
        explain: false,
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut number = |what: &str| -> Result<usize> {
            it.next()
                .and_then(|v| v.parse().ok())
                .with_context(|| format!("{what} needs a positive number"))
        };
        match arg.as_str() {
            "--tables" => args.tables = number("--tables")?,
            "--runs" => args.runs = number("--runs")?,
            "--explain" => args.explain = true,
            "--keep" => args.keep = true,
            other => bail!(
                "unknown argument {other}; usage: bench [--tables N] [--runs R] [--explain] [--keep]"
            ),
        }
    }
    if args.tables < 20 {
        bail!("--tables must be at least 20");
    }
    Ok(args)
}

/// The server under test: ours, or the one `SCHEMADIFF_BENCH_URL` names.
struct Server {
    admin: ConnectOptions,
    /// Kept alive for the whole run; stopped and removed on drop.
    _cluster: Option<EphemeralCluster>,
    bin_dir: Option<PathBuf>,
}

async fn start_server() -> Result<Server> {
    if let Ok(url) = std::env::var("SCHEMADIFF_BENCH_URL") {
        return Ok(Server {
            admin: ConnectOptions::parse(&url)?,
            _cluster: None,
            bin_dir: find_bin_dir().ok(),
        });
    }
    let cluster = tokio::task::spawn_blocking(EphemeralCluster::start).await??;
    Ok(Server {
        admin: ConnectOptions::parse(&cluster.connection_string("postgres"))?,
        bin_dir: Some(cluster.bin_dir().to_path_buf()),
        _cluster: Some(cluster),
    })
}

impl Server {
    fn db(&self, name: &str) -> ConnectOptions {
        self.admin.with_dbname(name)
    }

    fn pg_dump(&self, dbname: &str) -> Result<DumpTarget> {
        let program = find_client_program(self.bin_dir.as_deref(), "pg_dump")
            .context("pg_dump: not beside the server binaries nor on PATH")?;
        let opts = self.db(dbname);
        let host = match opts.host() {
            Host::Tcp(h) => h.clone(),
            Host::Unix(dir) => dir.to_string_lossy().into_owned(),
        };
        let mut env = vec![
            ("PGHOST", host),
            ("PGPORT", opts.port().to_string()),
            ("PGUSER", opts.user().to_string()),
            ("PGDATABASE", dbname.to_string()),
            ("PGSSLMODE", opts.sslmode().as_str().to_string()),
        ];
        if let Some(p) = opts.to_tokio_config().get_password() {
            env.push(("PGPASSWORD", String::from_utf8_lossy(p).into_owned()));
        }
        Ok(DumpTarget { program, env })
    }
}

async fn server_version(client: &Client) -> Result<i32> {
    let row = client
        .query_one("SELECT current_setting('server_version_num')::int4", &[])
        .await?;
    Ok(row.get(0))
}

/// Refresh the planner statistics of the system catalogs, as autovacuum would have done on
/// any real database of this size: both pg_dump and introspection join them heavily.
async fn analyze_catalogs(client: &Client) -> Result<()> {
    client
        .batch_execute(
            "DO $$ DECLARE r regclass; BEGIN
               FOR r IN SELECT c.oid FROM pg_class c
                        WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r'
               LOOP EXECUTE format('ANALYZE %s', r); END LOOP; END $$",
        )
        .await?;
    Ok(())
}

/// Create database A with the generated schema; returns the load time.
async fn build_a(server: &Server, shape: &Shape) -> Result<Duration> {
    let start = Instant::now();
    let admin = connect(&server.admin).await?;
    for db in [DB_A, DB_B] {
        admin
            .batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                quote_ident(db)
            ))
            .await?;
    }
    admin
        .batch_execute(&format!(
            "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'",
            quote_ident(DB_A)
        ))
        .await?;
    let client = connect(&server.db(DB_A)).await?;
    client.batch_execute(&shape.prelude()).await?;
    let mut from = 0;
    while from < shape.tables {
        let to = (from + CHUNK).min(shape.tables);
        let sql = shape.tables_sql(from..to);
        client
            .batch_execute(&format!("BEGIN;\n{sql}COMMIT;"))
            .await
            .with_context(|| format!("loading tables {from}..{to}"))?;
        from = to;
        eprint!("\r  loaded {from}/{} tables", shape.tables);
    }
    eprintln!();
    for (n, sql) in shape.others_sql(shape.tables / 2000 + 1).iter().enumerate() {
        client
            .batch_execute(&format!("BEGIN;\n{sql}COMMIT;"))
            .await
            .with_context(|| format!("loading views and functions, chunk {n}"))?;
    }
    analyze_catalogs(&client).await?;
    Ok(start.elapsed())
}

/// Create database B as a copy of A with the 1 % change set applied; returns the time.
async fn build_b(server: &Server, shape: &Shape, version: i32) -> Result<Duration> {
    let start = Instant::now();
    let admin = connect(&server.admin).await?;
    // FILE_COPY (15+) copies the files instead of WAL-logging every block of 50k relations.
    let strategy = if version >= 150000 {
        " STRATEGY FILE_COPY"
    } else {
        ""
    };
    let sql = format!(
        "CREATE DATABASE {} TEMPLATE {}{strategy}",
        quote_ident(DB_B),
        quote_ident(DB_A)
    );
    // A just-closed session on A may still be exiting on the server: retry briefly.
    let mut attempt = 0;
    loop {
        match admin.batch_execute(&sql).await {
            Ok(()) => break,
            Err(e) if attempt < 50 && e.to_string().contains("being accessed") => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => return Err(e).context("copying database A"),
        }
    }
    let client = connect(&server.db(DB_B)).await?;
    client
        .batch_execute(&format!("BEGIN;\n{}COMMIT;", shape.changes_sql()))
        .await
        .context("applying the 1% change set")?;
    analyze_catalogs(&client).await?;
    Ok(start.elapsed())
}

async fn introspect_db(opts: &ConnectOptions) -> Result<Catalog> {
    let client = connect(opts).await?;
    Ok(introspect(&client, &Filter::default()).await?)
}

fn print_sizes(label: &str, c: &Catalog) {
    let columns: usize = c.tables.values().map(|t| t.columns.len()).sum();
    let indexes: usize = c.tables.values().map(|t| t.indexes.len()).sum();
    let constraints: usize = c.tables.values().map(|t| t.constraints.len()).sum();
    println!(
        "catalog {label}: schemas={} tables={} columns={columns} indexes={indexes} constraints={constraints} \
         views={} functions={} sequences={} enums={}",
        c.schemas.len(),
        c.tables.len(),
        c.views.len(),
        c.functions.len(),
        c.sequences.len(),
        c.enums.len()
    );
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = parse_args()?;
    let shape = Shape::new(args.tables);
    let total = Instant::now();
    let server = start_server().await?;
    let version = server_version(&connect(&server.admin).await?).await?;
    println!(
        "server {version} ({}), {} tables, best of {} runs",
        server.admin.redacted(),
        shape.tables,
        args.runs
    );

    let load = build_a(&server, &shape).await?;
    let copy = build_b(&server, &shape, version).await?;
    println!(
        "build: {} tables + {} views + {} functions in {}; 1% changed copy in {}",
        shape.tables,
        shape.views,
        shape.functions,
        secs(load),
        secs(copy)
    );

    let dump = server.pg_dump(DB_A)?;
    let rss_reset = measure::reset_peak_rss();
    let (dump_time, dump_bytes) = best_of(args.runs, || async { dump.dump_schema() }).await?;
    let opts_a = server.db(DB_A);
    let opts_b = server.db(DB_B);
    let (introspect_time, catalog_a) = best_of(args.runs, || introspect_db(&opts_a)).await?;
    let ratio = introspect_time.as_secs_f64() / dump_time.as_secs_f64();
    let rss_introspect = measure::peak_rss_mib();
    println!(
        "introspect: {}  pg_dump -s: {}  ratio: {ratio:.2}   (pg_dump output {:.1} MiB)",
        secs(introspect_time),
        secs(dump_time),
        dump_bytes as f64 / 1048576.0
    );

    drop(catalog_a);
    measure::reset_peak_rss();
    let (both_time, (a, b, plan)) = best_of(args.runs, || async {
        let a = introspect_db(&opts_a).await?;
        let b = introspect_db(&opts_b).await?;
        let plan = schemadiff::plan::plan(&a, &b)?;
        Ok((a, b, plan))
    })
    .await?;
    let (plan_time, _) =
        best_of(args.runs, || async { Ok(schemadiff::plan::plan(&a, &b)?) }).await?;
    let rss_plan = measure::peak_rss_mib();
    // Where plan time goes: the pure diff, and one dependency index (plan builds two).
    let (diff_time, changes) =
        best_of(args.runs, || async { Ok(schemadiff::diff::diff(&a, &b)) }).await?;
    let (deps_time, _) = best_of(args.runs, || async {
        Ok(schemadiff::plan::DepIndex::new(&a))
    })
    .await?;
    let steps = plan.steps().filter(|s| !s.forward.is_empty()).count();
    println!(
        "plan (1% changed): steps={steps}  plan: {}  introspect both + plan: {}  ratio to pg_dump -s: {:.2}",
        secs(plan_time),
        secs(both_time),
        both_time.as_secs_f64() / dump_time.as_secs_f64()
    );
    println!(
        "  of plan: diff {} ({} changes), DepIndex::new {} per catalog",
        secs(diff_time),
        changes.len(),
        secs(deps_time)
    );

    let client = connect(&opts_a).await?;
    let costs = measure::profile_queries(&client).await?;
    let server_sum: Duration = costs.iter().map(|c| c.elapsed).sum();
    println!(
        "catalog queries run one by one: {} in all (introspect total {}, the rest is decoding and assembly)",
        secs(server_sum),
        secs(introspect_time)
    );
    for c in &costs {
        println!(
            "  {:<14} {:>8}  {:>7} rows",
            c.name,
            secs(c.elapsed),
            c.rows
        );
    }
    if args.explain || ratio > 1.0 {
        let slowest = &costs[0].name;
        println!("EXPLAIN (ANALYZE, BUFFERS) of {slowest}:");
        println!("{}", measure::explain(&client, slowest).await?);
    }

    print_sizes("A", &a);
    print_sizes("B", &b);
    match (rss_introspect, rss_plan) {
        // Without a reset, VmHWM is the process-wide peak so far (the build included).
        (Some(one), Some(two)) => println!(
            "peak RSS: introspect (one catalog): {one:.0} MiB  introspect both + plan: {two:.0} MiB{}",
            if rss_reset {
                ""
            } else {
                "  (cumulative: VmHWM could not be reset)"
            }
        ),
        _ => println!("peak RSS: unknown (no /proc/self/status)"),
    }

    if std::env::var_os("SCHEMADIFF_BENCH_URL").is_some() && !args.keep {
        let admin = connect(&server.admin).await?;
        drop(client);
        for db in [DB_A, DB_B] {
            admin
                .batch_execute(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    quote_ident(db)
                ))
                .await?;
        }
    }
    println!("total bench time: {}", secs(total.elapsed()));
    Ok(())
}
