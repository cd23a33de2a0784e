//! The writers: pgbench running single-row UPDATEs on random ids (and, optionally, INSERTs),
//! logging every transaction (`-l`).
//!
//! pgbench has no clean way to stop a run of unknown length: `-T` must be fixed up front and
//! SIGINT kills it with its log buffers unflushed. So it runs with a long `-T`, and the
//! benchmark ends it by terminating its server sessions (`pg_terminate_backend`): every
//! client then aborts, pgbench flushes its logs and exits. Its stderr is read as it arrives,
//! so an abort before that moment (a real failed write) is told apart from the ones caused
//! by the stop.

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// The writers' UPDATE: random rows, touching no column any scenario changes.
const UPDATE: &str = "\\set id random(1, :rows)
UPDATE accounts SET balance = balance + 1, updated_at = now() WHERE id = :id;
";

/// The writers' INSERT: each client numbers its own rows above the loaded ones (pgbench keeps
/// a client's variables from one transaction to the next), with the load's values, naming
/// only columns no scenario drops or renames.
const INSERT: &str = "\\set next :next + 1
\\set id :rows + 1 + :client_id * 100000000 + :next
INSERT INTO accounts (id, owner_id, a, b, email, points)
VALUES (:id, 1 + :id % 1000, :id % 100000, :id % 1000, 'user' || :id || '@example.com', :id % 100000);
";

pub struct Config {
    pub clients: u32,
    pub rows: u64,
    /// Share of transactions that INSERT, in percent (0: UPDATEs only).
    pub insert_percent: u32,
}

/// One line of pgbench's stderr and when it arrived.
pub struct StderrLine {
    pub at: SystemTime,
    pub text: String,
}

/// A running pgbench.
pub struct Writers {
    child: Child,
    dir: PathBuf,
    stderr: Arc<Mutex<Vec<StderrLine>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

/// One logged transaction.
#[derive(Clone, Copy, Debug)]
pub struct Txn {
    /// Completion time, microseconds since the Unix epoch.
    pub end_us: i64,
    /// Latency in microseconds; `None` for a failed transaction (serialization, deadlock).
    pub latency_us: Option<i64>,
}

/// What pgbench did, once stopped.
pub struct Outcome {
    pub txns: Vec<Txn>,
    /// Error lines written before the stop (aborted clients and their errors).
    pub errors: Vec<StderrLine>,
    /// Clients that aborted before the stop.
    pub aborted: usize,
    pub exit: std::process::ExitStatus,
}

impl Writers {
    /// Start pgbench against `dbname` with logs in `dir`.
    pub fn start(
        pgbench: &Path,
        env: &[(&'static str, String)],
        dbname: &str,
        dir: &Path,
        config: &Config,
    ) -> Result<Writers> {
        std::fs::create_dir_all(dir)?;
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("pgbench_log"))
            {
                std::fs::remove_file(path)?;
            }
        }
        let update = dir.join("update.pgbench");
        std::fs::File::create(&update)?.write_all(UPDATE.as_bytes())?;
        let mut cmd = Command::new(pgbench);
        let clients = config.clients.to_string();
        cmd.args(["-n", "-c", &clients, "-j", &clients, "-T", "86400"])
            .args(["-l", "--failures-detailed"])
            .arg(format!(
                "--log-prefix={}",
                dir.join("pgbench_log").display()
            ))
            .arg("-D")
            .arg(format!("rows={}", config.rows))
            .args(["-D", "next=0"]);
        if config.insert_percent > 0 {
            let insert = dir.join("insert.pgbench");
            std::fs::File::create(&insert)?.write_all(INSERT.as_bytes())?;
            cmd.arg("-f")
                .arg(format!(
                    "{}@{}",
                    update.display(),
                    100 - config.insert_percent
                ))
                .arg("-f")
                .arg(format!("{}@{}", insert.display(), config.insert_percent));
        } else {
            cmd.arg("-f").arg(&update);
        }
        let mut child = cmd
            .arg(dbname)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", pgbench.display()))?;
        let pipe = child.stderr.take().expect("stderr is piped");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&stderr);
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(StderrLine {
                    at: SystemTime::now(),
                    text: line,
                });
            }
        });
        Ok(Writers {
            child,
            dir: dir.to_path_buf(),
            stderr,
            reader: Some(reader),
        })
    }

    /// Whether pgbench has exited already (it does when every client aborted).
    pub fn exited(&mut self) -> Result<Option<std::process::ExitStatus>> {
        Ok(self.child.try_wait()?)
    }

    /// pgbench's stderr so far, for an error message.
    pub fn stderr_text(&self) -> String {
        let lines = self.stderr.lock().unwrap();
        lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Wait for pgbench to exit after its sessions were terminated at `stopped`, then read
    /// its logs.
    pub fn finish(mut self, stopped: SystemTime) -> Result<Outcome> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let exit = loop {
            if let Some(status) = self.child.try_wait()? {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                bail!("pgbench did not exit within 60 s after its sessions were terminated");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        let all = std::mem::take(&mut *self.stderr.lock().unwrap());
        let errors: Vec<StderrLine> = all.into_iter().filter(|l| l.at < stopped).collect();
        let aborted = aborted_clients(errors.iter().map(|l| l.text.as_str()));
        let mut txns = Vec::new();
        for entry in std::fs::read_dir(&self.dir)? {
            let path = entry?.path();
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("pgbench_log"))
            {
                let text = std::fs::read_to_string(&path)?;
                parse_log(&text, &mut txns)
                    .with_context(|| format!("parsing {}", path.display()))?;
            }
        }
        txns.sort_by_key(|t| t.end_us);
        Ok(Outcome {
            txns,
            errors,
            aborted,
            exit,
        })
    }
}

impl Drop for Writers {
    fn drop(&mut self) {
        // Only on an early error: `finish` has reaped it otherwise.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// How many distinct clients pgbench reported as aborted ("client 2 script 0 aborted in
/// command 1 query 0: ERROR: ..." or "client 2 aborted in command 1 (SQL) of script 0; ...").
/// Its threads share stderr, so two messages may end up on one line.
fn aborted_clients<'a>(lines: impl Iterator<Item = &'a str>) -> usize {
    let mut clients = std::collections::BTreeSet::new();
    for line in lines {
        for part in line.split("client ").skip(1) {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() && part.contains("aborted in command") {
                clients.insert(digits);
            }
        }
    }
    clients.len()
}

/// pgbench's per-transaction log: `client_id transaction_no time script_no time_epoch
/// time_us [...]`, where `time` is the latency in microseconds, or `failed` (with
/// `--failures-detailed`: `serialization`, `deadlock`) for a failed transaction.
fn parse_log(text: &str, out: &mut Vec<Txn>) -> Result<()> {
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 6 {
            bail!("short line {line:?}");
        }
        let secs: i64 = f[4].parse().with_context(|| format!("line {line:?}"))?;
        let micros: i64 = f[5].parse().with_context(|| format!("line {line:?}"))?;
        let latency_us = match f[2] {
            "skipped" => continue,
            t => t.parse().ok(),
        };
        out.push(Txn {
            end_us: secs * 1_000_000 + micros,
            latency_us,
        });
    }
    Ok(())
}
