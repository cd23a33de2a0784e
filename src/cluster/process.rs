//! Small process-level helpers: who we run as, running a program as the
//! `postgres` OS user, signalling and watching pids — without a libc dependency
//! (Linux `/proc` and the standard `kill`, `runuser`, `chown` programs).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// OS user that owns the cluster when we run as root (PostgreSQL refuses root).
pub(crate) const POSTGRES_OS_USER: &str = "postgres";

/// Whether the effective user is root, read from `/proc/self/status`, falling back
/// to `id -u` where /proc is not mounted.
pub(crate) fn running_as_root() -> bool {
    if let Some(euid) = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| effective_uid(&s))
    {
        return euid == 0;
    }
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The effective uid from the text of `/proc/<pid>/status`
/// (`Uid:\treal\teffective\tsaved\tfs`).
pub(crate) fn effective_uid(status: &str) -> Option<u32> {
    let line = status.lines().find(|l| l.starts_with("Uid:"))?;
    line.split_whitespace().nth(2)?.parse().ok()
}

/// A command for `program`, run as the `postgres` OS user when `as_postgres`.
pub(crate) fn command_as(program: &Path, as_postgres: bool) -> Command {
    if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", POSTGRES_OS_USER, "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

/// Hand `paths` to the `postgres` OS user (the data directory must be owned by the
/// user the server runs as).
pub(crate) fn chown_to_postgres(paths: &[&Path]) -> std::io::Result<()> {
    let out = Command::new("chown")
        .arg(POSTGRES_OS_USER)
        .args(paths)
        .output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "chown {POSTGRES_OS_USER} failed ({}); running as root needs a '{POSTGRES_OS_USER}' OS user",
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}

/// Send `signal` (a name such as "QUIT") to `pid`; errors are ignored because the
/// process may already be gone, which is the outcome we want.
pub(crate) fn send_signal(pid: u32, signal: &str) {
    let _ = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

/// Whether `pid` is a live process. A zombie counts as gone: it runs nothing and
/// holds no resources, and where pid 1 does not reap (some containers) it may stay.
pub fn pid_alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat_state(&stat).is_some_and(|s| s != 'Z' && s != 'X'),
        Err(_) => false,
    }
}

/// The state letter from `/proc/<pid>/stat`. The command name in parentheses may
/// itself contain spaces and parentheses, so parse from the last ')'.
pub(crate) fn stat_state(stat: &str) -> Option<char> {
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().next()?.chars().next()
}

/// Poll until `pid` is gone or `timeout` passes; returns whether it is gone.
pub(crate) fn wait_pid_gone(pid: u32, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if !pid_alive(pid) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What `postmaster.pid` says: the postmaster's pid and, from PostgreSQL 10 on,
/// its status line ("starting", "ready", "stopping", "standby").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PidFile {
    pub pid: u32,
    pub status: Option<String>,
}

/// Parse the text of `postmaster.pid`. The postmaster writes it in pieces, so a
/// partially written file is `None` rather than an error.
pub(crate) fn parse_pid_file(text: &str) -> Option<PidFile> {
    let lines: Vec<&str> = text.lines().collect();
    let pid = lines.first()?.trim().parse().ok()?;
    let status = lines
        .get(7)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    Some(PidFile { pid, status })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_uid_is_the_second_uid_field() {
        let status = "Name:\tx\nUmask:\t0022\nUid:\t1000\t0\t0\t0\nGid:\t1\t1\t1\t1\n";
        assert_eq!(effective_uid(status), Some(0));
        assert_eq!(effective_uid("Name:\tx\n"), None);
    }

    #[test]
    fn stat_parsing_survives_odd_command_names() {
        let stat =
            "4242 (a) b (c)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
        assert_eq!(stat_state(stat), Some('S'));
    }

    #[test]
    fn own_process_is_alive_and_an_unused_pid_is_not() {
        assert!(pid_alive(std::process::id()));
        // Above the kernel's pid_max limit (2^22), so never a process.
        assert!(!pid_alive(4_194_305));
    }

    #[test]
    fn pid_file_parsing() {
        let full = "123\n/tmp/d\n1700000000\n5432\n/tmp/s\n\n  1234567   98304\nready   \n";
        assert_eq!(
            parse_pid_file(full),
            Some(PidFile {
                pid: 123,
                status: Some("ready".into())
            })
        );
        assert_eq!(
            parse_pid_file("123\n/tmp/d\n"),
            Some(PidFile {
                pid: 123,
                status: None
            })
        );
        assert_eq!(parse_pid_file(""), None);
        assert_eq!(
            parse_pid_file("12"),
            Some(PidFile {
                pid: 12,
                status: None
            })
        );
    }
}
