//! The watchdog: a tiny detached shell process that stops the cluster and removes
//! its directories once the owning process is gone, however it went.
//!
//! `Drop` covers the ordinary exits, but nothing in-process runs when the owner is
//! killed with SIGKILL, calls `process::exit`, dies of a default-action signal such
//! as SIGINT from Ctrl-C, or is a test binary holding the cluster in a `static`
//! (Rust never drops statics). The watchdog's stdin is a pipe whose only write end
//! ("the lifeline") belongs to the owner; the kernel closes it when the owner dies,
//! `read` sees end-of-file and the cleanup runs. Unlike polling `kill -0 PID`, this
//! cannot be fooled by pid reuse or by an owner that is a zombie nobody reaps.
//! Rust opens every pipe close-on-exec, so no other child inherits the lifeline.

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

/// `$1` = data directory, `$2...` = directories to remove.
///
/// The postmaster gets SIGQUIT (PostgreSQL's immediate shutdown: children are
/// killed, nothing is flushed, which is what a throwaway cluster wants). Its exit
/// is awaited with a zombie-aware check so that an unreaped postmaster does not
/// stall the cleanup, then the directories go.
const SCRIPT: &str = r#"
trap '' HUP INT
data=$1
shift
while read -r _; do :; done
alive() {
  if [ -r "/proc/$1/stat" ]; then
    st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    st=${st##*)}
    set -- $st
    [ "$1" != Z ] && [ "$1" != X ]
  else
    kill -0 "$1" 2>/dev/null
  fi
}
pid=
if [ -r "$data/postmaster.pid" ]; then read -r pid < "$data/postmaster.pid"; fi
if [ -n "$pid" ]; then
  kill -QUIT "$pid" 2>/dev/null
  i=0
  while alive "$pid" && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i+1)); done
  if alive "$pid"; then kill -KILL "$pid" 2>/dev/null; sleep 0.2; fi
fi
rm -rf -- "$@"
"#;

/// A running watchdog. Keep it alive as long as the cluster should live.
#[derive(Debug)]
pub(crate) struct Watchdog {
    child: Child,
    lifeline: Option<ChildStdin>,
}

impl Watchdog {
    /// Start a watchdog for the cluster in `data_dir` that removes `remove` when
    /// triggered. It runs in its own session (`setsid`) when that program exists,
    /// else in its own process group, so the terminal's Ctrl-C and hangup never
    /// reach it.
    pub(crate) fn spawn(data_dir: &Path, remove: &[PathBuf]) -> std::io::Result<Watchdog> {
        let mut cmd = match super::bins::find_client_program(None, "setsid") {
            Some(setsid) => {
                let mut c = Command::new(setsid);
                c.arg("sh");
                c
            }
            None => {
                use std::os::unix::process::CommandExt;
                let mut c = Command::new("sh");
                c.process_group(0);
                c
            }
        };
        cmd.arg("-c")
            .arg(SCRIPT)
            .arg("schemadiff-watchdog")
            .arg(data_dir)
            .args(remove)
            .current_dir("/")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = cmd.spawn()?;
        let lifeline = child.stdin.take();
        Ok(Watchdog { child, lifeline })
    }

    /// Trigger the cleanup now and wait for it (used by `Drop` after its own stop,
    /// so the watchdog finds nothing left to do and exits at once).
    pub(crate) fn release(mut self) {
        drop(self.lifeline.take());
        let _ = self.child.wait();
    }
}
