//! Child processes measured the way a user runs them: wall time, exit code and peak resident
//! memory, the last from the kernel's own accounting of the child (`wait4`'s `ru_maxrss`), so
//! that nothing of the benchmark's own process counts.

use anyhow::{Context, Result, bail};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    cmd.stdin(Stdio::null())
        .stdout(File::create(stdout_to).with_context(|| stdout_to.display().to_string())?)
        .stderr(File::create(&stderr_to)?);
    let program = format!("{:?}", cmd.get_program());
    let start = Instant::now();
    let child = cmd.spawn().with_context(|| format!("starting {program}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid out-parameter; the pid is our own child, which
    // `Child` has not waited for (it is dropped below without waiting).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    drop(child);
    if reaped != pid {
        bail!(
            "wait4 for {program} failed: {}",
            std::io::Error::last_os_error()
        );
    }
    let exit_code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    if !ok_codes.contains(&exit_code) {
        let stderr = std::fs::read_to_string(&stderr_to).unwrap_or_default();
        bail!("{program} exited with {exit_code} (wanted {ok_codes:?}):\n{stderr}");
    }
    Ok(Run {
        wall,
        // Linux reports ru_maxrss in KiB.
        max_rss_mib: usage.ru_maxrss as f64 / 1024.0,
        stdout_bytes: std::fs::metadata(stdout_to)?.len(),
    })
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
