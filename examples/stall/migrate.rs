//! The migration as a new user runs it:
//! `schemadiff plan --from <db> --to desired.sql --format sql | psql -X -v ON_ERROR_STOP=1`,
//! or `schemadiff apply --url <db> --to desired.sql --yes --allow-hazard all` (`--via
//! apply`), and afterwards whether a second plan is empty.
//!
//! psql also gets `-e -c '\timing on'`, which changes nothing about how the script runs but
//! prints every statement with its duration, so a stall can be traced to a statement. The
//! script is copied to `plan.sql` on its way through the pipe.

use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// The programs every migration needs.
#[derive(Clone)]
pub struct Tools {
    pub schemadiff: PathBuf,
    pub psql: PathBuf,
}

/// The `schemadiff` binary beside this example (`target/<profile>/schemadiff`), built first
/// when run through cargo, so that it is never older than the sources.
pub fn locate_schemadiff(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    let exe = std::env::current_exe()?;
    // target/<profile>/examples/stall
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .context("cannot tell the target directory from this program's path")?;
    let bin = profile_dir.join("schemadiff");
    if let Some(cargo) = std::env::var_os("CARGO") {
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--quiet", "--bin", "schemadiff"]);
        if profile_dir.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        let status = cmd
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .context("running cargo build --bin schemadiff")?;
        if !status.success() {
            bail!("cargo build --bin schemadiff failed ({status})");
        }
    }
    if !bin.exists() {
        bail!(
            "{} not found: run `cargo build --release` first, or pass --schemadiff PATH",
            bin.display()
        );
    }
    Ok(bin)
}

/// How the migration went.
pub struct Migration {
    pub started: SystemTime,
    pub wall: Duration,
    pub plan_status: ExitStatus,
    pub psql_status: ExitStatus,
    /// The script's statements with their durations (from psql's `\timing`), in order.
    pub statements: Vec<(f64, String)>,
    /// The last lines of psql's and schemadiff's error output, when either failed.
    pub error: Option<String>,
    /// Statements in the script.
    pub script_bytes: usize,
}

impl Migration {
    pub fn ok(&self) -> bool {
        self.plan_status.success() && self.psql_status.success()
    }
}

/// How the migration is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Psql,
    Apply,
}

/// Run the migration for database `dbname` (`conninfo` for schemadiff, `env` the libpq
/// environment), with every file in `dir`.
pub fn run(
    via: Via,
    tools: &Tools,
    env: &[(&'static str, String)],
    conninfo: &str,
    dbname: &str,
    desired: &Path,
    dir: &Path,
) -> Result<Migration> {
    match via {
        Via::Psql => run_psql(tools, env, conninfo, dbname, desired, dir),
        Via::Apply => run_apply(tools, env, conninfo, dbname, desired, dir),
    }
}

/// `schemadiff apply`, its progress in `apply.log`; the statements' durations from its
/// history.
fn run_apply(
    tools: &Tools,
    env: &[(&'static str, String)],
    conninfo: &str,
    dbname: &str,
    desired: &Path,
    dir: &Path,
) -> Result<Migration> {
    let log = File::create(dir.join("apply.log"))?;
    let started = SystemTime::now();
    let clock = Instant::now();
    let status = Command::new(&tools.schemadiff)
        .args(["apply", "--url", conninfo, "--to"])
        .arg(desired)
        .args(["--yes", "--allow-hazard", "all"])
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .status()
        .with_context(|| format!("starting {}", tools.schemadiff.display()))?;
    let wall = clock.elapsed();
    let text = std::fs::read_to_string(dir.join("apply.log")).unwrap_or_default();
    let error = (!status.success()).then(|| {
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        lines[lines.len().saturating_sub(6)..].join("\n")
    });
    let history = Command::new(&tools.psql)
        .args(["-X", "-A", "-t", "-F", "\t", "-d", dbname, "-c"])
        .arg(
            "SELECT coalesce(s.duration_ms, 0), m.phase || ': ' || s.step \
               FROM schemadiff.migration_statements s JOIN schemadiff.migrations m ON m.id = s.migration \
              ORDER BY m.id, s.index",
        )
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()?;
    let statements = String::from_utf8_lossy(&history.stdout)
        .lines()
        .filter_map(|l| {
            let (ms, what) = l.split_once('\t')?;
            Some((ms.parse().ok()?, what.to_string()))
        })
        .collect();
    Ok(Migration {
        started,
        wall,
        plan_status: status,
        psql_status: status,
        statements,
        error,
        script_bytes: 0,
    })
}

/// `plan | psql`.
fn run_psql(
    tools: &Tools,
    env: &[(&'static str, String)],
    conninfo: &str,
    dbname: &str,
    desired: &Path,
    dir: &Path,
) -> Result<Migration> {
    let plan_err = File::create(dir.join("plan.err"))?;
    let psql_log = File::create(dir.join("psql.log"))?;
    let started = SystemTime::now();
    let clock = Instant::now();
    let mut plan = Command::new(&tools.schemadiff)
        .args(["plan", "--from", conninfo, "--to"])
        .arg(desired)
        .args(["--format", "sql"])
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        // No schemadiff.toml of the caller's directory.
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(plan_err)
        .spawn()
        .with_context(|| format!("starting {}", tools.schemadiff.display()))?;
    let mut psql = Command::new(&tools.psql)
        .args([
            "-X",
            "-v",
            "ON_ERROR_STOP=1",
            "-e",
            "-c",
            "\\timing on",
            "-f",
            "-",
        ])
        .args(["-d", dbname])
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(psql_log.try_clone()?)
        .stderr(psql_log)
        .spawn()
        .with_context(|| format!("starting {}", tools.psql.display()))?;
    // The pipe, with a copy of the script kept.
    let mut from = plan.stdout.take().expect("piped");
    let mut to = psql.stdin.take().expect("piped");
    let mut copy = File::create(dir.join("plan.sql"))?;
    let mut script_bytes = 0;
    let mut buf = [0u8; 8192];
    loop {
        let n = from.read(&mut buf)?;
        if n == 0 {
            break;
        }
        script_bytes += n;
        copy.write_all(&buf[..n])?;
        // psql may have stopped on an error: keep draining schemadiff regardless.
        let _ = to.write_all(&buf[..n]);
    }
    drop(to);
    let plan_status = plan.wait()?;
    let psql_status = psql.wait()?;
    let wall = clock.elapsed();
    let log = std::fs::read_to_string(dir.join("psql.log")).unwrap_or_default();
    let error = (!plan_status.success() || !psql_status.success()).then(|| {
        let plan_err = std::fs::read_to_string(dir.join("plan.err")).unwrap_or_default();
        let psql_errors = log.lines().filter(|l| {
            ["ERROR:", "FATAL:", "DETAIL:", "HINT:", "CONTEXT:"]
                .iter()
                .any(|k| l.contains(k))
        });
        let lines: Vec<&str> = plan_err
            .lines()
            .chain(psql_errors)
            .filter(|l| !l.trim().is_empty())
            .collect();
        lines[lines.len().saturating_sub(6)..].join("\n")
    });
    Ok(Migration {
        started,
        wall,
        plan_status,
        psql_status,
        statements: statement_times(&log),
        error,
        script_bytes,
    })
}

/// Statements and durations from psql's `-e` echo and `\timing` lines: the echoed text since
/// the previous `Time:` line, without comments and the command tag psql prints after it.
fn statement_times(log: &str) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in log.lines() {
        if let Some(rest) = line.strip_prefix("Time: ") {
            let ms: f64 = rest
                .split_whitespace()
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0);
            if block.len() > 1 {
                block.pop();
            }
            let text = block
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty() && !l.starts_with("--"))
                .collect::<Vec<_>>()
                .join(" ");
            out.push((ms, text));
            block.clear();
        } else if line != "Timing is on." {
            block.push(line);
        }
    }
    out
}

/// Whether planning again from the migrated database gives nothing to do (`--exit-code`:
/// 0 when empty, 2 when not; the remaining script goes to `replan.sql`).
pub fn replan_empty(
    tools: &Tools,
    env: &[(&'static str, String)],
    conninfo: &str,
    desired: &Path,
    dir: &Path,
) -> Result<Result<(), String>> {
    let out = Command::new(&tools.schemadiff)
        .args(["plan", "--from", conninfo, "--to"])
        .arg(desired)
        .args(["--format", "sql", "--exit-code"])
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .context("running schemadiff plan --exit-code")?;
    std::fs::write(dir.join("replan.sql"), &out.stdout)?;
    Ok(match out.status.code() {
        Some(0) => Ok(()),
        Some(2) => {
            let steps = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with("--"))
                .count();
            Err(format!("{steps} lines still to run (replan.sql)"))
        }
        _ => Err(format!(
            "plan failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )),
    })
}
