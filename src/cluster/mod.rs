//! A throwaway local PostgreSQL cluster.
//!
//! Used when there is no server at all (`schemadiff plan --from a.sql --to b.sql`
//! needs somewhere to run the desired SQL) and by the integration tests. The
//! cluster lives in temporary directories, listens only on a Unix socket in a
//! private directory, and is tuned for speed over durability.
//!
//! # Cleanup, including Ctrl-C
//!
//! `Drop` stops the server (immediate shutdown) and removes the directories. For
//! every exit that runs no `Drop` — SIGKILL, `process::exit`, a default-action
//! signal, a `static` in a test binary — a detached watchdog does the same as soon
//! as the owning process is gone (see `watchdog.rs`). Ctrl-C in the CLI therefore
//! needs no handler: the default SIGINT action ends the process and the watchdog
//! cleans up. The postmaster runs in its own process group, so the terminal's
//! SIGINT does not reach it and a CLI that does catch Ctrl-C (to drop a shadow
//! database first, say) keeps a working server until it has finished.

mod bins;
mod process;
mod watchdog;

use std::fs::File;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub use bins::{PG_BIN_ENV, find_bin_dir, find_client_program};
pub use process::pid_alive;

use process::{PidFile, command_as, parse_pid_file, send_signal};
use watchdog::Watchdog;

/// How long the server may take to accept connections.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How often a server that exits during startup is retried on another port.
const START_ATTEMPTS: u32 = 3;
/// Port range for the cluster. The socket directory is private, so the port only
/// names the socket file and seeds the shared-memory key (PostgreSQL itself skips
/// keys in use).
const PORT_RANGE: std::ops::Range<u32> = 20000..60000;

/// Errors starting an ephemeral cluster.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL server binaries (initdb, postgres) not found; searched: {searched}. \
         Install PostgreSQL (Debian/Ubuntu: `apt-get install postgresql`, \
         Fedora/RHEL: `dnf install postgresql-server`, macOS: `brew install postgresql`) \
         or set {PG_BIN_ENV} to the directory that holds initdb and postgres"
    )]
    BinariesNotFound { searched: String },
    #[error("{action}")]
    Io {
        action: String,
        #[source]
        source: io::Error,
    },
    #[error("initdb failed ({status}):\n{output}")]
    Initdb { status: ExitStatus, output: String },
    #[error(
        "postgres exited during startup ({status}), {attempts} attempt(s); server log tail:\n{log_tail}"
    )]
    StartFailed {
        status: ExitStatus,
        attempts: u32,
        log_tail: String,
    },
    #[error("postgres did not accept connections within {} s; server log tail:\n{log_tail}", START_TIMEOUT.as_secs())]
    StartTimeout { log_tail: String },
}

fn io_err(action: impl Into<String>) -> impl FnOnce(io::Error) -> ClusterError {
    let action = action.into();
    move |source| ClusterError::Io { action, source }
}

/// A running throwaway cluster; stopped and deleted on drop (see the module docs).
#[derive(Debug)]
pub struct EphemeralCluster {
    bin_dir: PathBuf,
    /// Holds `data/` and the server log.
    base_dir: PathBuf,
    data_dir: PathBuf,
    socket_dir: PathBuf,
    log_path: PathBuf,
    port: u16,
    major: u32,
    /// Running as root: the cluster belongs to the `postgres` OS user.
    as_postgres: bool,
    /// The spawned server (the postmaster itself, or `runuser` around it).
    server: Option<Child>,
    postmaster_pid: u32,
    watchdog: Option<Watchdog>,
    /// Extra `-c` settings for the postmaster, as `name=value`.
    settings: Vec<String>,
}

impl EphemeralCluster {
    /// Create and start a cluster; blocks until it accepts connections.
    pub fn start() -> Result<EphemeralCluster, ClusterError> {
        Self::start_with(&[])
    }

    /// [`start`](Self::start) with extra server settings (`-c name=value`), such as the
    /// benchmark's larger `max_locks_per_transaction` that lets `pg_dump` lock 50,000 tables.
    pub fn start_with(settings: &[(&str, &str)]) -> Result<EphemeralCluster, ClusterError> {
        let bin_dir = find_bin_dir()?;
        let as_postgres = process::running_as_root();
        let (base_root, socket_root) = temp_roots(as_postgres);

        let base_dir = tempfile::Builder::new()
            .prefix("schemadiff-pg-")
            .tempdir_in(&base_root)
            .map_err(io_err(format!(
                "creating a directory in {}",
                base_root.display()
            )))?
            .keep();
        // Up to here nothing needs cleaning but this one directory; from the
        // struct on, Drop and the watchdog own every piece, also on error.
        let mut cluster = EphemeralCluster {
            bin_dir,
            data_dir: base_dir.join("data"),
            log_path: base_dir.join("postgres.log"),
            socket_dir: PathBuf::new(),
            base_dir,
            port: 0,
            major: 0,
            as_postgres,
            server: None,
            postmaster_pid: 0,
            watchdog: None,
            settings: settings
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect(),
        };
        cluster.socket_dir = tempfile::Builder::new()
            .prefix("sdpg-")
            .tempdir_in(&socket_root)
            .map_err(io_err(format!(
                "creating a directory in {}",
                socket_root.display()
            )))?
            .keep();
        let dirs = [cluster.base_dir.clone(), cluster.socket_dir.clone()];
        cluster.watchdog = Some(
            Watchdog::spawn(&cluster.data_dir, &dirs)
                .map_err(io_err("starting the cleanup watchdog (sh)"))?,
        );
        if as_postgres {
            process::chown_to_postgres(&[&cluster.base_dir, &cluster.socket_dir]).map_err(
                io_err("giving the cluster directories to the postgres user"),
            )?;
        }
        cluster.initdb()?;
        cluster.major = read_major(&cluster.data_dir)?;
        cluster.start_server()?;
        Ok(cluster)
    }

    fn initdb(&self) -> Result<(), ClusterError> {
        let out = command_as(&self.bin_dir.join("initdb"), self.as_postgres)
            .arg("-D")
            .arg(&self.data_dir)
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ])
            // The postgres user may not be able to enter the caller's directory.
            .current_dir(&self.base_dir)
            .stdin(Stdio::null())
            .output()
            .map_err(io_err("running initdb"))?;
        if out.status.success() {
            return Ok(());
        }
        let mut output = String::from_utf8_lossy(&out.stdout).into_owned();
        output.push_str(&String::from_utf8_lossy(&out.stderr));
        Err(ClusterError::Initdb {
            status: out.status,
            output,
        })
    }

    /// Start the postmaster, retrying on another port if it exits during startup.
    fn start_server(&mut self) -> Result<(), ClusterError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.port = pick_port(&self.socket_dir, attempt);
            let log = File::options()
                .create(true)
                .append(true)
                .open(&self.log_path)
                .map_err(io_err(format!("opening {}", self.log_path.display())))?;
            let log_err = log
                .try_clone()
                .map_err(io_err("duplicating the log handle"))?;
            let child = command_as(&self.bin_dir.join("postgres"), self.as_postgres)
                .arg("-D")
                .arg(&self.data_dir)
                .arg("-k")
                .arg(&self.socket_dir)
                .arg("-p")
                .arg(self.port.to_string())
                .args(["-c", "listen_addresses="])
                .args(["-c", "fsync=off"])
                .args(["-c", "full_page_writes=off"])
                .args(["-c", "synchronous_commit=off"])
                .args(self.settings.iter().flat_map(|s| ["-c", s.as_str()]))
                .current_dir(&self.base_dir)
                // Keep the terminal's Ctrl-C away from the server: cleanup is ours.
                .process_group(0)
                .stdin(Stdio::null())
                .stdout(log)
                .stderr(log_err)
                .spawn()
                .map_err(io_err("starting postgres"))?;
            self.server = Some(child);
            match self.wait_ready() {
                Ok(pid) => {
                    self.postmaster_pid = pid;
                    return Ok(());
                }
                // Most likely a clash on the port's shared-memory key or socket
                // lock with a server started at the same moment: another port.
                Err(Exited(_)) if attempt < START_ATTEMPTS => {
                    self.server = None;
                }
                Err(Exited(status)) => {
                    self.server = None;
                    return Err(ClusterError::StartFailed {
                        status,
                        attempts: attempt,
                        log_tail: self.log_tail(),
                    });
                }
                Err(TimedOut) => {
                    return Err(ClusterError::StartTimeout {
                        log_tail: self.log_tail(),
                    });
                }
            }
        }
    }

    /// Wait until the postmaster reports "ready" in `postmaster.pid` — a file read
    /// per poll instead of a process. Before PostgreSQL 10 the file has no status
    /// line, so `pg_isready` answers instead.
    fn wait_ready(&mut self) -> Result<u32, NotReady> {
        let deadline = Instant::now() + START_TIMEOUT;
        let pid_path = self.data_dir.join("postmaster.pid");
        let isready = find_client_program(Some(&self.bin_dir), "pg_isready");
        loop {
            if let Some(Ok(Some(status))) = self.server.as_mut().map(Child::try_wait) {
                return Err(NotReady::Exited(status));
            }
            let pid_file = std::fs::read_to_string(&pid_path)
                .ok()
                .and_then(|t| parse_pid_file(&t));
            if let Some(PidFile { pid, status }) = pid_file {
                let ready = if self.major >= 10 {
                    status.as_deref() == Some("ready")
                } else {
                    isready.as_ref().is_some_and(|p| {
                        std::process::Command::new(p)
                            .arg("-q")
                            .arg("-h")
                            .arg(&self.socket_dir)
                            .arg("-p")
                            .arg(self.port.to_string())
                            .status()
                            .is_ok_and(|s| s.success())
                    })
                };
                if ready {
                    return Ok(pid);
                }
            }
            if Instant::now() >= deadline {
                return Err(NotReady::TimedOut);
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// The last lines of the server log, for error messages.
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log_path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// Stop the server and wait for it; SIGKILL if immediate shutdown hangs.
    fn stop_server(&mut self) {
        let Some(mut server) = self.server.take() else {
            return;
        };
        // Signal the postmaster by the pid it wrote, not the spawned process: as
        // root that is `runuser`, which would not pass a SIGKILL on. A server that
        // is still running without a pid file is at most a moment from writing it.
        let pid_path = self.data_dir.join("postmaster.pid");
        let deadline = Instant::now() + Duration::from_secs(5);
        let pid = loop {
            let pid = std::fs::read_to_string(&pid_path)
                .ok()
                .and_then(|t| parse_pid_file(&t))
                .map(|p| p.pid);
            if pid.is_some() || !matches!(server.try_wait(), Ok(None)) || Instant::now() > deadline
            {
                break pid;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // A server we spawned directly that has exited left at most a stale pid
        // file, whose pid may belong to someone else by now.
        let exited = !matches!(server.try_wait(), Ok(None));
        match pid {
            Some(_) if exited && !self.as_postgres => {}
            Some(pid) => {
                send_signal(pid, "QUIT");
                if !process::wait_pid_gone(pid, Duration::from_secs(10)) {
                    send_signal(pid, "KILL");
                }
            }
            None => {
                let _ = server.kill();
            }
        }
        let _ = server.wait();
    }

    /// The Unix socket directory: libpq's `host`.
    pub fn host(&self) -> &Path {
        &self.socket_dir
    }

    /// The port (names the socket file `.s.PGSQL.<port>`).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A libpq keyword/value connection string for `dbname` as the superuser.
    pub fn connection_string(&self, dbname: &str) -> String {
        format!(
            "host={} port={} user=postgres dbname={}",
            conninfo_value(&self.socket_dir.to_string_lossy()),
            self.port,
            conninfo_value(dbname)
        )
    }

    /// The directory of the PostgreSQL binaries the cluster runs.
    pub fn bin_dir(&self) -> &Path {
        &self.bin_dir
    }

    /// The server's major version (15 for 15.x).
    pub fn server_major(&self) -> u32 {
        self.major
    }

    /// The data directory (removed on drop).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The postmaster's process id.
    pub fn postmaster_pid(&self) -> u32 {
        self.postmaster_pid
    }

    /// The server log file.
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }
}

impl Drop for EphemeralCluster {
    fn drop(&mut self) {
        self.stop_server();
        for dir in [&self.base_dir, &self.socket_dir] {
            if !dir.as_os_str().is_empty() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
        // Last: if anything above failed, the released watchdog tries once more.
        if let Some(w) = self.watchdog.take() {
            w.release();
        }
    }
}

/// Why a started postmaster is not (yet) usable.
enum NotReady {
    Exited(ExitStatus),
    TimedOut,
}
use NotReady::{Exited, TimedOut};

/// Parents for the data and socket directories. The socket path must fit in
/// `sun_path` (~107 bytes), so a long `TMPDIR` is not used for it. As root, both
/// live under /tmp, which the `postgres` user can always enter (a `TMPDIR` under
/// /root could not be).
fn temp_roots(as_postgres: bool) -> (PathBuf, PathBuf) {
    let tmp = PathBuf::from("/tmp");
    if as_postgres {
        return (tmp.clone(), tmp);
    }
    let base = std::env::temp_dir();
    // "/sdpg-XXXXXX/.s.PGSQL.NNNNN.lock" adds about 33 bytes.
    let socket = if base.as_os_str().len() <= 60 {
        base.clone()
    } else {
        tmp
    };
    (base, socket)
}

/// A port for `attempt`: varied by process, time and attempt so that parallel
/// starts spread out, and skipping ports whose socket exists in the usual shared
/// socket directories (tools that look there would be confused).
fn pick_port(socket_dir: &Path, attempt: u32) -> u16 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut seed = std::process::id()
        .wrapping_mul(2_654_435_761)
        .wrapping_add(nanos)
        .wrapping_add(attempt.wrapping_mul(40_503));
    let span = PORT_RANGE.end - PORT_RANGE.start;
    for _ in 0..64 {
        let port = PORT_RANGE.start + seed % span;
        let taken = [
            socket_dir,
            Path::new("/tmp"),
            Path::new("/var/run/postgresql"),
        ]
        .iter()
        .any(|d| d.join(format!(".s.PGSQL.{port}")).exists());
        if !taken {
            return port as u16;
        }
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
    }
    (PORT_RANGE.start + seed % span) as u16
}

/// The major version from `PG_VERSION` ("15", or "9.6" before version 10).
fn read_major(data_dir: &Path) -> Result<u32, ClusterError> {
    let path = data_dir.join("PG_VERSION");
    let text =
        std::fs::read_to_string(&path).map_err(io_err(format!("reading {}", path.display())))?;
    text.trim()
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| ClusterError::Io {
            action: format!("reading {}", path.display()),
            source: io::Error::other(format!("unexpected content {:?}", text.trim())),
        })
}

/// Quote a libpq keyword/value connection-string value when it needs it
/// (empty, whitespace, quote or backslash).
pub fn conninfo_value(value: &str) -> String {
    let plain = !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c == '\'' || c == '\\');
    if plain {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests;
