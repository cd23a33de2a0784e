//! Benchmark: `schemadiff plan` on a large schema, against `pg_dump -s` and `psql -f`.
//!
//! ```text
//! cargo run --release --example bench [-- --tables N] [--runs R] [--scale 1000,10000,50000]
//!                                          [--explain] [--keep] [--schemadiff PATH]
//! ```
//!
//! Builds a database A of N tables (default 10,000) with views, functions, sequences, enums
//! and comments on a throwaway local cluster (or on the server of `SCHEMADIFF_BENCH_URL`,
//! where it creates and drops its databases), and B, a copy with 1 % of the objects changed.
//! Then, in R interleaved rounds (default 3), it runs as child processes and measures (wall
//! time, peak RSS from `wait4`):
//! - `pg_dump -s` of A, the reference of the database-to-database plan;
//! - `schemadiff plan --from A --to A` (no change) and `--from A --to B` (1 % change);
//! - `psql -f` of B's schema as a file (`pg_dump -s` of B) into an empty database, the
//!   reference of the everyday case, and `schemadiff plan --from A --to that file`.
//!
//! It prints the issue-10 ratios from the medians, the in-process plan time, each catalog
//! query's cost, and a scale table (one round per size). A program that prints numbers, not a
//! test.

#[path = "bench/child.rs"]
mod child;
#[path = "bench/generate.rs"]
mod generate;
#[path = "bench/measure.rs"]
mod measure;
#[path = "bench/rounds.rs"]
mod rounds;

use anyhow::{Context, Result, bail};
use generate::Shape;
use measure::secs;
use rounds::{Expect, Measured, ScaleRow, Tools, print_scale};
use schemadiff::cluster::{EphemeralCluster, find_bin_dir, find_client_program};
use schemadiff::connect::{ConnectOptions, connect};
use schemadiff::introspect::{Filter, introspect};
use schemadiff::model::{Catalog, quote_ident};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio_postgres::Client;

const DB_A: &str = "schemadiff_bench_a";
const DB_B: &str = "schemadiff_bench_b";
/// The empty database `psql -f` loads into, made anew for every round.
const DB_LOAD: &str = "schemadiff_bench_load";
/// Tables per loading transaction: each CREATE TABLE here takes ~8 locks (table, TOAST,
/// indexes, sequence, FK target), and the shared lock table holds 64 x 100 by default.
const CHUNK: usize = 250;

struct Args {
    tables: usize,
    runs: usize,
    /// Sizes of the scale table (the main size's row comes from its own rounds).
    scale: Vec<usize>,
    explain: bool,
    /// With `SCHEMADIFF_BENCH_URL`: leave both databases behind for a closer look.
    keep: bool,
    schemadiff: Option<PathBuf>,
}

const USAGE: &str = "usage: bench [--tables N] [--runs R] [--scale N,N,...|none] [--explain] [--keep] [--schemadiff PATH]";

fn parse_args() -> Result<Args> {
    let mut args = Args {
        tables: 10_000,
        runs: 3,
        scale: vec![1_000, 10_000, 50_000],
        explain: false,
        keep: false,
        schemadiff: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |what: &str| it.next().with_context(|| format!("{what} needs a value"));
        match arg.as_str() {
            "--tables" => args.tables = value("--tables")?.parse().context("--tables")?,
            "--runs" => args.runs = value("--runs")?.parse().context("--runs")?,
            "--scale" => {
                let v = value("--scale")?;
                args.scale = if v == "none" {
                    Vec::new()
                } else {
                    v.split(',')
                        .map(|n| {
                            n.trim()
                                .parse()
                                .context("--scale takes sizes like 1000,10000")
                        })
                        .collect::<Result<_>>()?
                };
            }
            "--explain" => args.explain = true,
            "--keep" => args.keep = true,
            "--schemadiff" => args.schemadiff = Some(value("--schemadiff")?.into()),
            other => bail!("unknown argument {other}; {USAGE}"),
        }
    }
    if args.tables < 20 || args.scale.iter().any(|&n| n < 20) {
        bail!("sizes must be at least 20 tables");
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
    // pg_dump, the reference, takes a lock on every table in one transaction; at 50,000
    // tables the default 64 per transaction runs out of shared memory. A team with that many
    // tables raises it, so the reference gets the same room. schemadiff takes no table locks.
    let cluster = tokio::task::spawn_blocking(|| {
        EphemeralCluster::start_with(&[("max_locks_per_transaction", "1024")])
    })
    .await??;
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

    /// A client program (pg_dump, psql) of the server's own version, else from PATH.
    fn client_program(&self, name: &str) -> Result<PathBuf> {
        find_client_program(self.bin_dir.as_deref(), name)
            .with_context(|| format!("{name}: not beside the server binaries nor on PATH"))
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

/// Each program once, interleaved, into the series of `m`.
async fn round(tools: &Tools, server: &Server, desired: &Path, m: &mut Measured) -> Result<()> {
    let admin = &server.admin;
    let (a, b) = (format!("dbname={DB_A}"), format!("dbname={DB_B}"));
    m.pg_dump.push(tools.pg_dump(&server.db(DB_A), "a.sql")?);
    m.no_change
        .push(tools.plan(admin, &a, &a, Expect::NoChange)?);
    m.one_percent
        .push(tools.plan(admin, &a, &b, Expect::Changes)?);
    recreate(server, DB_LOAD).await?;
    m.psql_load
        .push(tools.psql_load(&server.db(DB_LOAD), desired)?);
    drop_db(server, DB_LOAD).await?;
    let file = desired.to_string_lossy();
    m.to_file
        .push(tools.plan(admin, &a, &file, Expect::Changes)?);
    Ok(())
}

/// The scale table's row for the database pair built now.
fn scale_row(tools: &Tools, server: &Server, tables: usize) -> Result<ScaleRow> {
    let admin = &server.admin;
    let (a, b) = (format!("dbname={DB_A}"), format!("dbname={DB_B}"));
    Ok(ScaleRow {
        tables,
        // pg_dump locks every table in one transaction: at 50,000 tables it needs more than
        // the default max_locks_per_transaction. Its failure is a result, not the end.
        pg_dump: tools
            .pg_dump(&server.db(DB_A), "a.sql")
            .map(|r| r.wall)
            .map_err(|e| {
                format!("{e:#}")
                    .lines()
                    .nth(1)
                    .unwrap_or("failed")
                    .to_string()
            }),
        no_change: tools.plan(admin, &a, &a, Expect::NoChange)?,
        one_percent: tools.plan(admin, &a, &b, Expect::Changes)?,
    })
}

async fn recreate(server: &Server, name: &str) -> Result<()> {
    drop_db(server, name).await?;
    connect(&server.admin)
        .await?
        .batch_execute(&format!(
            "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'",
            quote_ident(name)
        ))
        .await?;
    Ok(())
}

async fn drop_db(server: &Server, name: &str) -> Result<()> {
    connect(&server.admin)
        .await?
        .batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            quote_ident(name)
        ))
        .await?;
    Ok(())
}

fn main() -> Result<()> {
    let mut argv = std::env::args_os().skip(1);
    if argv.next().is_some_and(|a| a == child::GO_BETWEEN) {
        return child::go_between(argv);
    }
    bench()
}

#[tokio::main]
async fn bench() -> Result<()> {
    let args = parse_args()?;
    let shape = Shape::new(args.tables);
    let total = Instant::now();
    let schemadiff = rounds::schemadiff_binary(args.schemadiff.clone())?;
    let server = start_server().await?;
    let version = server_version(&connect(&server.admin).await?).await?;
    println!(
        "server {version} ({}), {} tables, {} interleaved rounds, schemadiff {}",
        server.admin.redacted(),
        shape.tables,
        args.runs,
        schemadiff.display()
    );
    let work = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&work)?;
    let tools = Tools {
        schemadiff,
        pg_dump: server.client_program("pg_dump")?,
        psql: server.client_program("psql")?,
        work,
    };

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
    // The desired state as a file: B's schema as pg_dump prints it (what a newcomer commits).
    tools.pg_dump(&server.db(DB_B), "desired_b.sql")?;
    let desired = tools.work.join("desired_b.sql");

    let mut m = Measured::default();
    for r in 0..args.runs.max(1) {
        eprintln!("round {} of {}", r + 1, args.runs.max(1));
        round(&tools, &server, &desired, &mut m).await?;
    }
    let (opts_a, opts_b) = (server.db(DB_A), server.db(DB_B));
    let a = introspect_db(&opts_a).await?;
    let mut b = None;
    for _ in 0..args.runs.max(1) {
        let start = Instant::now();
        b = Some(introspect_db(&opts_b).await?);
        m.introspect.push(start.elapsed());
    }
    let b = b.expect("at least one run");
    for _ in 0..args.runs.max(1) {
        let start = Instant::now();
        let none = schemadiff::plan::plan(&a, &a)?;
        m.plan_alone_none.push(start.elapsed());
        assert!(
            none.is_empty(),
            "a catalog planned against itself must be empty"
        );
        let start = Instant::now();
        drop(schemadiff::plan::plan(&a, &b)?);
        m.plan_alone_one.push(start.elapsed());
    }
    m.print();

    let client = connect(&opts_a).await?;
    let costs = measure::profile_queries(&client).await?;
    let server_sum: Duration = costs.iter().map(|c| c.elapsed).sum();
    println!(
        "\ncatalog queries of A run one by one: {} in all (the rest of introspection is decoding and assembly)",
        secs(server_sum)
    );
    for c in &costs {
        println!(
            "  {:<14} {:>8}  {:>7} rows",
            c.name,
            secs(c.elapsed),
            c.rows
        );
    }
    if args.explain {
        let slowest = &costs[0].name;
        println!("EXPLAIN (ANALYZE, BUFFERS) of {slowest}:");
        println!("{}", measure::explain(&client, slowest).await?);
    }
    drop(client);
    print_sizes("A", &a);
    print_sizes("B", &b);
    drop((a, b));

    let mut rows = Vec::new();
    for &n in &args.scale {
        if n == args.tables {
            rows.push(ScaleRow {
                tables: n,
                pg_dump: Ok(m.pg_dump.median()),
                no_change: m.no_change.take_median(),
                one_percent: m.one_percent.take_median(),
            });
            continue;
        }
        eprintln!("scale: building {n} tables");
        let shape = Shape::new(n);
        build_a(&server, &shape).await?;
        build_b(&server, &shape, version).await?;
        rows.push(scale_row(&tools, &server, n)?);
    }
    rows.sort_by_key(|r| r.tables);
    if !rows.is_empty() {
        print_scale(&rows);
    }

    if std::env::var_os("SCHEMADIFF_BENCH_URL").is_some() && !args.keep {
        for db in [DB_A, DB_B, DB_LOAD] {
            drop_db(&server, db).await?;
        }
    }
    println!("total bench time: {}", secs(total.elapsed()));
    Ok(())
}
