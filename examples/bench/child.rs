//! Child processes measured the way a user runs them: wall time, exit code and peak resident
//! memory, the last from the kernel's own accounting of the child (`wait4`'s `ru_maxrss`).
//!
//! Not of a child of the benchmark itself: Rust spawns children with `posix_spawn` (a vfork
//! that shares the parent's memory until exec), and Linux carries the address space's
//! high-water mark through that exec into the child's `ru_maxrss`. Once the benchmark had
//! held two 10,000-table catalogs in process, every later child "peaked" at the
//! benchmark's 300 MiB. So the benchmark starts itself again as a small go-between
//! (`--measure-child`, [`go_between`]), which spawns the program, waits for it and reports
//! the program's own figures: a fresh process's high-water mark is its own.

use anyhow::{Context, Result, bail};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The first argument that makes the benchmark a go-between.
pub const GO_BETWEEN: &str = "--measure-child";

/// One finished child.
pub struct Run {
    pub wall: Duration,
    pub max_rss_mib: f64,
    /// Bytes it printed on stdout.
    pub stdout_bytes: u64,
}

/// Run `cmd` with stdout into `stdout_to` and stderr into a file beside it; fail (showing its
/// stderr) when it exits with a code not in `ok_codes`.
pub fn run(cmd: &mut Command, stdout_to: &Path, ok_codes: &[i32]) -> Result<Run> {
    let stderr_to = stderr_path(stdout_to);
    let mut figures_to = stdout_to.as_os_str().to_os_string();
    figures_to.push(".rusage");
    let figures_to = PathBuf::from(figures_to);
    let mut via = Command::new(std::env::current_exe()?);
    via.arg(GO_BETWEEN)
        .arg(&figures_to)
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => via.env(key, v),
            None => via.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        via.current_dir(dir);
    }
    via.stdin(Stdio::null())
        .stdout(File::create(stdout_to).with_context(|| stdout_to.display().to_string())?)
        .stderr(File::create(&stderr_to)?);
    let program = format!("{:?}", cmd.get_program());
    let start = Instant::now();
    let status = via
        .status()
        .with_context(|| format!("starting {program}"))?;
    let wall = start.elapsed();
    let figures = std::fs::read_to_string(&figures_to)
        .with_context(|| format!("{program}: the go-between left no figures ({status})"))?;
    let (exit_code, max_rss_kib) = figures
        .split_once(' ')
        .and_then(|(code, rss)| Some((code.parse::<i32>().ok()?, rss.trim().parse::<i64>().ok()?)))
        .with_context(|| format!("{program}: unreadable figures {figures:?}"))?;
    if !ok_codes.contains(&exit_code) {
        let stderr = std::fs::read_to_string(&stderr_to).unwrap_or_default();
        bail!("{program} exited with {exit_code} (wanted {ok_codes:?}):\n{stderr}");
    }
    Ok(Run {
        wall,
        // Linux reports ru_maxrss in KiB.
        max_rss_mib: max_rss_kib as f64 / 1024.0,
        stdout_bytes: std::fs::metadata(stdout_to)?.len(),
    })
}

/// The go-between: `bench --measure-child FIGURES PROGRAM ARGS...`. Runs PROGRAM with this
/// process's stdio and environment, waits for it with `wait4`, and writes "EXIT_CODE
/// MAX_RSS_KIB" to FIGURES. Its own exit code is 0 when that was written.
pub fn go_between(mut args: impl Iterator<Item = std::ffi::OsString>) -> Result<()> {
    let (Some(figures_to), Some(program)) = (args.next(), args.next()) else {
        bail!("usage: bench {GO_BETWEEN} FIGURES PROGRAM [ARGS...]");
    };
    let child = Command::new(&program)
        .args(args)
        .spawn()
        .with_context(|| format!("starting {program:?}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid out-parameter; the pid is our own child, which
    // `Child` has not waited for (it is dropped below without waiting).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    drop(child);
    if reaped != pid {
        bail!(
            "wait4 for {program:?} failed: {}",
            std::io::Error::last_os_error()
        );
    }
    let exit_code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    std::fs::write(&figures_to, format!("{exit_code} {}", usage.ru_maxrss))?;
    Ok(())
}

fn stderr_path(stdout_to: &Path) -> PathBuf {
    let mut name = stdout_to.file_name().unwrap_or_default().to_os_string();
    name.push(".stderr");
    stdout_to.with_file_name(name)
}

/// The median of some durations (the upper one of the middle two for an even count).
pub fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}
