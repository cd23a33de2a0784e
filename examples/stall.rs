//! Benchmark: how long do writers stall while `schemadiff plan --format sql | psql` (or, with
//! `--via apply`, `schemadiff apply`) migrates a busy table?
//!
//! ```text
//! cargo run --release --example stall -- [--rows N] [--clients C] [--scenario NAME]...
//!     [--issue 6|7] [--insert-percent P] [--url URL] [--via psql|apply] [--keep] [--list]
//! ```
//!
//! For each scenario (a schema change, see `stall/scenarios.rs`): copy a database holding the
//! scenario's `from` schema and N rows (default 2,000,000; loaded once per distinct `from`
//! into a template), start pgbench with C clients (default 4) updating random rows, logging
//! every transaction; after a warm-up and a few seconds of baseline, run the migration as a
//! user would; a few seconds later stop the writers. Then report the longest transaction, the
//! longest time in which no write completed, p99, writes and failed writes, the migration's
//! wall time and exit status, and check that the change was really made and that planning
//! again is empty. PASS: longest stall <= 250 ms, no failed write, migration succeeded,
//! checks hold. Exit status 2 when any scenario fails.
//!
//! The server is a throwaway cluster (tuned, see `stall/server.rs`) unless `--url` (or
//! `SCHEMADIFF_BENCH_URL`) names one; there it creates `schemadiff_stall_*` databases and
//! drops them afterwards unless `--keep`. Files of each run (desired.sql, plan.sql, psql.log,
//! pgbench logs) are in `target/stall/<scenario>/`.

#[path = "stall/migrate.rs"]
mod migrate;
#[path = "stall/report.rs"]
mod report;
#[path = "stall/scenarios.rs"]
mod scenarios;
#[path = "stall/scenarios_data.rs"]
mod scenarios_data;
#[path = "stall/server.rs"]
mod server;
#[path = "stall/stats.rs"]
mod stats;
#[path = "stall/writers.rs"]
mod writers;

use anyhow::{Context, Result, bail};
use report::{Outcome, Verdict};
use scenarios::{LEFTOVERS, LOAD, Scenario};
use schemadiff::connect::connect;
use server::Server;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// Writers run this long before the measured window starts (connections, caches).
const WARMUP: Duration = Duration::from_secs(2);

struct Args {
    rows: u64,
    clients: u32,
    scenarios: Vec<String>,
    issue: Option<u32>,
    insert_percent: u32,
    url: Option<String>,
    keep: bool,
    list: bool,
    before: Duration,
    after: Duration,
    schemadiff: Option<PathBuf>,
    /// `psql` (plan | psql) or `apply` (schemadiff apply).
    via: migrate::Via,
}

const USAGE: &str = "usage: stall [--rows N] [--clients C] [--scenario NAME]... [--issue 6|7] \
    [--insert-percent P] [--before S] [--after S] [--url URL] [--schemadiff PATH] [--via psql|apply] [--keep] [--list]";

fn parse_args() -> Result<Args> {
    let mut args = Args {
        rows: 2_000_000,
        clients: 4,
        scenarios: Vec::new(),
        issue: None,
        insert_percent: 0,
        url: std::env::var("SCHEMADIFF_BENCH_URL").ok(),
        keep: false,
        list: false,
        before: Duration::from_secs(3),
        after: Duration::from_secs(3),
        schemadiff: None,
        via: migrate::Via::Psql,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |what: &str| it.next().with_context(|| format!("{what} needs a value"));
        match arg.as_str() {
            "--rows" => args.rows = value("--rows")?.replace('_', "").parse()?,
            "--clients" => args.clients = value("--clients")?.parse()?,
            "--scenario" => args.scenarios.push(value("--scenario")?),
            "--issue" => args.issue = Some(value("--issue")?.parse()?),
            "--insert-percent" => args.insert_percent = value("--insert-percent")?.parse()?,
            "--before" => args.before = Duration::from_secs_f64(value("--before")?.parse()?),
            "--after" => args.after = Duration::from_secs_f64(value("--after")?.parse()?),
            "--url" => args.url = Some(value("--url")?),
            "--schemadiff" => args.schemadiff = Some(value("--schemadiff")?.into()),
            "--via" => {
                args.via = match value("--via")?.as_str() {
                    "psql" => migrate::Via::Psql,
                    "apply" => migrate::Via::Apply,
                    other => bail!("--via psql or apply, not {other}"),
                }
            }
            "--keep" => args.keep = true,
            "--list" => args.list = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unknown argument {other}; {USAGE}"),
        }
    }
    if args.rows < 1000 || args.clients == 0 || args.insert_percent >= 100 {
        bail!("need --rows >= 1000, --clients >= 1 and --insert-percent < 100");
    }
    Ok(args)
}

fn all_scenarios() -> Vec<&'static Scenario> {
    scenarios::ONLINE
        .iter()
        .chain(scenarios_data::DATA.iter())
        .collect()
}

fn select(args: &Args) -> Result<Vec<&'static Scenario>> {
    let all = all_scenarios();
    for name in &args.scenarios {
        if !all.iter().any(|s| s.name == name) {
            let names: Vec<&str> = all.iter().map(|s| s.name).collect();
            bail!("no scenario {name}; there are: {}", names.join(", "));
        }
    }
    Ok(all
        .into_iter()
        .filter(|s| args.scenarios.is_empty() || args.scenarios.iter().any(|n| n == s.name))
        .filter(|s| args.issue.is_none_or(|i| i == s.issue))
        .collect())
}

/// `target/stall`, beside `target/<profile>/examples/stall`.
fn out_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("stall")))
        .unwrap_or_else(|| PathBuf::from("stall-out"))
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = parse_args()?;
    let chosen = select(&args)?;
    if args.list {
        for s in all_scenarios() {
            println!("{:<32} issue {}", s.name, s.issue);
        }
        return Ok(());
    }
    if chosen.is_empty() {
        bail!("no scenario selected");
    }
    let schemadiff = migrate::locate_schemadiff(args.schemadiff.clone())?;
    let total = Instant::now();
    let server = Server::start(args.url.as_deref()).await?;
    let tools = migrate::Tools {
        schemadiff,
        psql: server.program("psql")?,
    };
    let pgbench = server.program("pgbench")?;
    let out = out_dir();
    println!("server: {}", server.describe().await?);
    println!(
        "schemadiff: {}; files in {}",
        tools.schemadiff.display(),
        out.display()
    );
    println!(
        "{} rows, {} clients ({}), window: {} s before the migration, {} s after; \
         goal: longest stall <= {} ms, 0 failed writes",
        args.rows,
        args.clients,
        if args.insert_percent > 0 {
            format!("{}% INSERTs, the rest UPDATEs", args.insert_percent)
        } else {
            "single-row UPDATEs".to_string()
        },
        args.before.as_secs_f64(),
        args.after.as_secs_f64(),
        report::GOAL_MS
    );

    let mut templates: HashMap<&'static str, String> = HashMap::new();
    let mut outcomes = Vec::new();
    for scenario in &chosen {
        if !templates.contains_key(scenario.from) {
            let name = format!("schemadiff_stall_template_{}", templates.len());
            let load = LOAD.replace("{rows}", &args.rows.to_string());
            let took = server.create_loaded(&name, scenario.from, &load).await?;
            println!(
                "loaded template {name} ({} rows) in {:.1} s",
                args.rows,
                took.as_secs_f64()
            );
            templates.insert(scenario.from, name);
        }
        let dir = out.join(scenario.name);
        std::fs::create_dir_all(&dir)?;
        let outcome = run_scenario(
            &server,
            &tools,
            &pgbench,
            &args,
            scenario,
            &templates[scenario.from],
            &dir,
        )
        .await
        .with_context(|| format!("scenario {}", scenario.name))?;
        report::print_scenario(&outcome);
        outcomes.push(outcome);
    }
    if !server.ephemeral() && !args.keep {
        for name in templates.values() {
            server.drop_db(name).await?;
        }
    }
    report::print_summary(&outcomes, args.rows, args.clients);
    println!("total time: {:.0} s", total.elapsed().as_secs_f64());
    if outcomes.iter().any(|o| o.verdict() != Verdict::Pass) {
        std::process::exit(2);
    }
    Ok(())
}

async fn run_scenario(
    server: &Server,
    tools: &migrate::Tools,
    pgbench: &Path,
    args: &Args,
    scenario: &'static Scenario,
    template: &str,
    dir: &Path,
) -> Result<Outcome> {
    let db = format!("schemadiff_stall_{}", scenario.name.replace('-', "_"));
    server.copy_db(template, &db).await?;
    let desired = dir.join("desired.sql");
    std::fs::write(&desired, scenario.to)?;
    let env = server.libpq_env(&db);
    let conninfo = server.conninfo(&db);
    let client = connect(&server.db(&db)).await?;

    let config = writers::Config {
        clients: args.clients,
        rows: args.rows,
        insert_percent: args.insert_percent,
    };
    let mut writers = writers::Writers::start(pgbench, &env, &db, dir, &config)?;
    wait_connected(&client, &db, args.clients, &mut writers).await?;
    tokio::time::sleep(WARMUP).await;
    let window_start = SystemTime::now();
    tokio::time::sleep(args.before).await;
    let migration = {
        let via = args.via;
        let (tools, env, conninfo, db, desired, dir) = (
            tools.clone(),
            env.clone(),
            conninfo.clone(),
            db.clone(),
            desired.clone(),
            dir.to_path_buf(),
        );
        tokio::task::spawn_blocking(move || {
            migrate::run(via, &tools, &env, &conninfo, &db, &desired, &dir)
        })
        .await??
    };
    tokio::time::sleep(args.after).await;
    let window_end = SystemTime::now();
    let stopped = SystemTime::now();
    client
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = $1 AND application_name = 'pgbench'",
            &[&db],
        )
        .await?;
    let done = tokio::task::spawn_blocking(move || writers.finish(stopped)).await??;

    let us = stats::epoch_us;
    let window = stats::window(&done.txns, us(window_start), us(window_end));
    let baseline = stats::window(&done.txns, us(window_start), us(migration.started));

    let verified = run_check(&client, &scenario.check.sql(args.rows)).await;
    let leftovers = run_check(&client, LEFTOVERS).await;
    drop(client);
    let replan = if migration.ok() {
        migrate::replan_empty(tools, &env, &conninfo, &desired, dir)?
    } else {
        Err("not run: the migration failed".to_string())
    };
    if !args.keep {
        server.drop_db(&db).await?;
    }
    Ok(Outcome {
        scenario,
        migration,
        window,
        baseline,
        window_us: us(window_end) - us(window_start),
        aborted: done.aborted,
        errors: done.errors.into_iter().map(|l| l.text).collect(),
        pgbench_exit: done.exit,
        check: verified,
        leftovers,
        replan,
    })
}

/// Run a check query, `(ok boolean, found text)`; an error (the column is not there, say)
/// is a failed check.
async fn run_check(client: &tokio_postgres::Client, sql: &str) -> (bool, String) {
    match client.query_one(sql, &[]).await {
        Ok(row) => (
            row.get::<_, Option<bool>>(0).unwrap_or(false),
            row.get::<_, Option<String>>(1).unwrap_or_default(),
        ),
        Err(e) => (
            false,
            e.as_db_error()
                .map(|d| d.message().to_string())
                .unwrap_or_else(|| e.to_string()),
        ),
    }
}

/// Wait until pgbench's clients are all connected to `db`.
async fn wait_connected(
    client: &tokio_postgres::Client,
    db: &str,
    clients: u32,
    writers: &mut writers::Writers,
) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let n: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = $1 AND application_name = 'pgbench'",
                &[&db],
            )
            .await?
            .get(0);
        if n >= i64::from(clients) {
            return Ok(());
        }
        if let Some(status) = writers.exited()? {
            bail!(
                "pgbench exited ({status}) before its clients connected:\n{}",
                writers.stderr_text()
            );
        }
        if Instant::now() > deadline {
            bail!("pgbench's {clients} clients did not connect within 30 s");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
