//! The programs the benchmark compares, run as child processes the way a user runs them, and
//! the report of issue 10's goals from their medians.

use crate::child::{Run, median, run};
use anyhow::{Context, Result, bail};
use schemadiff::connect::ConnectOptions;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The programs measured, and a directory for their output.
pub struct Tools {
    pub schemadiff: PathBuf,
    pub pg_dump: PathBuf,
    pub psql: PathBuf,
    pub work: PathBuf,
}

/// What `schemadiff plan --exit-code` must say: the no-change plan is empty (0), the others
/// are not (2). A plan that says otherwise is a wrong plan, and its time would mean nothing.
#[derive(Clone, Copy)]
pub enum Expect {
    NoChange,
    Changes,
}

impl Tools {
    /// A client program pointed at `db` through the libpq environment (so that a password
    /// never shows on a command line).
    fn command(&self, program: &Path, db: &ConnectOptions) -> Command {
        let mut cmd = Command::new(program);
        cmd.envs(db.libpq_env());
        cmd
    }

    fn out(&self, name: &str) -> PathBuf {
        self.work.join(name)
    }

    /// `pg_dump --schema-only` of `db` into `work/<name>`; an empty dump is an error.
    pub fn pg_dump(&self, db: &ConnectOptions, name: &str) -> Result<Run> {
        let mut cmd = self.command(&self.pg_dump, db);
        cmd.args(["--schema-only", "--no-password"]);
        let r = run(&mut cmd, &self.out(name), &[0])?;
        if r.stdout_bytes == 0 {
            bail!("pg_dump printed nothing");
        }
        Ok(r)
    }

    /// `psql -f file` into `db`, stopping at the first error, as a team loads its schema.
    pub fn psql_load(&self, db: &ConnectOptions, file: &Path) -> Result<Run> {
        let mut cmd = self.command(&self.psql, db);
        cmd.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f"])
            .arg(file);
        run(&mut cmd, &self.out("psql.out"), &[0])
    }

    /// `schemadiff plan --from <from> --to <to> --format sql --exit-code`, the sides as
    /// `dbname=...` keyword strings or a file path, the server from `server`'s environment.
    pub fn plan(
        &self,
        server: &ConnectOptions,
        from: &str,
        to: &str,
        expect: Expect,
    ) -> Result<Run> {
        let mut cmd = self.command(&self.schemadiff, server);
        cmd.args([
            "plan",
            "--from",
            from,
            "--to",
            to,
            "--format",
            "sql",
            "--exit-code",
        ]);
        let code = match expect {
            Expect::NoChange => 0,
            Expect::Changes => 2,
        };
        run(&mut cmd, &self.out("plan.sql"), &[code])
            .with_context(|| format!("schemadiff plan --from {from} --to {to}"))
    }
}

/// The schemadiff binary: `--schemadiff PATH`, else the release binary beside this example,
/// built first (cargo builds examples without the binaries they do not name).
pub fn schemadiff_binary(given: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = given {
        return Ok(p);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--bin", "schemadiff"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .context("building the schemadiff binary")?;
    if !status.success() {
        bail!("cargo build --release --bin schemadiff failed");
    }
    let exe = std::env::current_exe()?;
    // target/release/examples/bench -> target/release/schemadiff
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .context("the example's directory")?;
    Ok(dir.join("schemadiff"))
}

/// One program's runs.
#[derive(Default)]
pub struct Series {
    pub runs: Vec<Run>,
}

impl Series {
    pub fn push(&mut self, r: Run) {
        self.runs.push(r);
    }

    pub fn median(&self) -> Duration {
        median(self.runs.iter().map(|r| r.wall).collect())
    }

    /// The run whose time is the median (for the scale table's row of the main size).
    pub fn take_median(&mut self) -> Run {
        let m = self.median();
        let i = self.runs.iter().position(|r| r.wall == m).unwrap_or(0);
        self.runs.remove(i)
    }

    pub fn peak_mib(&self) -> f64 {
        self.runs.iter().map(|r| r.max_rss_mib).fold(0.0, f64::max)
    }

    pub fn walls(&self) -> String {
        let all: Vec<String> = self
            .runs
            .iter()
            .map(|r| format!("{:.2}", r.wall.as_secs_f64()))
            .collect();
        all.join(" / ")
    }
}

/// Every series of the main size, and what the goals compare them with.
#[derive(Default)]
pub struct Measured {
    pub pg_dump: Series,
    pub no_change: Series,
    pub one_percent: Series,
    pub psql_load: Series,
    pub to_file: Series,
    /// In-process `introspect` of B (what the shadow holds after the load).
    pub introspect: Vec<Duration>,
    /// In-process `plan::plan` alone, no change and 1 % change.
    pub plan_alone_none: Vec<Duration>,
    pub plan_alone_one: Vec<Duration>,
}

fn s(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT met" }
}

impl Measured {
    pub fn print(&self) {
        let dump = s(self.pg_dump.median());
        let none = s(self.no_change.median());
        let one = s(self.one_percent.median());
        let load = s(self.psql_load.median());
        let file = s(self.to_file.median());
        let intro = s(median(self.introspect.clone()));
        let alone_none = s(median(self.plan_alone_none.clone()));
        let alone_one = s(median(self.plan_alone_one.clone()));
        println!("\nruns (wall seconds, in round order):");
        for (name, series) in [
            ("pg_dump -s A", &self.pg_dump),
            ("plan A -> A (no change)", &self.no_change),
            ("plan A -> B (1 % change)", &self.one_percent),
            ("psql -f B.sql (empty db)", &self.psql_load),
            ("plan A -> B.sql", &self.to_file),
        ] {
            println!(
                "  {name:<26} {:>24}   median {:>7.2}s   peak RSS {:>6.0} MiB",
                series.walls(),
                s(series.median()),
                series.peak_mib()
            );
        }
        println!(
            "  in-process: introspect B {intro:.2}s; plan alone {alone_none:.3}s no change, {alone_one:.3}s 1 % change"
        );
        let g1 = none / dump;
        let g2 = self.no_change.peak_mib();
        let g3 = file / (load + intro);
        let g4 = one / none;
        println!(
            "\nissue 10 goals (medians of {} rounds):",
            self.pg_dump.runs.len()
        );
        println!(
            "  1. no-change plan db -> db / pg_dump -s:         {none:.2}s / {dump:.2}s = {g1:.2}  (goal <= 1.0: {})",
            verdict(g1 <= 1.0)
        );
        println!(
            "  2. peak memory of that plan:                     {g2:.0} MiB  (goal <= 200 MiB: {}; 1 % change: {:.0} MiB, to a file: {:.0} MiB)",
            verdict(g2 <= 200.0),
            self.one_percent.peak_mib(),
            self.to_file.peak_mib()
        );
        println!(
            "  3. plan db -> file / (psql -f + introspect):     {file:.2}s / ({load:.2}s + {intro:.2}s) = {g3:.2}  (goal <= 1.1: {})",
            verdict(g3 <= 1.1)
        );
        println!(
            "  4. 1 % change / no change, the whole plan:       {one:.2}s / {none:.2}s = {g4:.2}  (goal <= 1.2: {}); plan alone {:.2}",
            verdict(g4 <= 1.2),
            alone_one / alone_none.max(1e-9)
        );
    }
}

/// One row of the scale table.
pub struct ScaleRow {
    pub tables: usize,
    /// Its time, or why it failed.
    pub pg_dump: Result<Duration, String>,
    pub no_change: Run,
    pub one_percent: Run,
}

pub fn print_scale(rows: &[ScaleRow]) {
    println!(
        "\nscale (one round per size; time and peak RSS of `schemadiff plan` as a child process):"
    );
    println!(
        "  {:>7} {:>10} {:>12} {:>7} {:>11} {:>12} {:>11} {:>14} {:>14}",
        "tables",
        "pg_dump",
        "no change",
        "ratio",
        "1 % change",
        "peak (none)",
        "peak (1 %)",
        "s / 1k tables",
        "MiB / 1k tab."
    );
    let mut failures = Vec::new();
    for r in rows {
        let k = r.tables as f64 / 1000.0;
        let (dump, ratio) = match &r.pg_dump {
            Ok(d) => (
                format!("{:.2}s", s(*d)),
                format!("{:.2}", s(r.no_change.wall) / s(*d)),
            ),
            Err(why) => {
                failures.push(format!("pg_dump at {} tables: {why}", r.tables));
                ("failed".into(), "-".into())
            }
        };
        println!(
            "  {:>7} {:>10} {:>11.2}s {:>7} {:>10.2}s {:>8.0} MiB {:>7.0} MiB {:>14.3} {:>14.1}",
            r.tables,
            dump,
            s(r.no_change.wall),
            ratio,
            s(r.one_percent.wall),
            r.no_change.max_rss_mib,
            r.one_percent.max_rss_mib,
            s(r.one_percent.wall) / k,
            r.one_percent.max_rss_mib / k
        );
    }
    for f in failures {
        println!("  {f}");
    }
}
