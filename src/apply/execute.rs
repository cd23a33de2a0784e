//! Running one phase of a plan, segment by segment (plan::segment, the same cut the psql
//! script makes), with its history.
//!
//! - A transactional segment runs in `BEGIN ... COMMIT` with `SET LOCAL` timeouts, and its
//!   statements are marked done by an UPDATE in that same transaction: after any crash they
//!   are either all done and recorded, or neither.
//! - A statement that runs alone is tried the same way; the server says when it may not run
//!   in a transaction block (`CREATE INDEX CONCURRENTLY`: SQLSTATE 25001; a `DO` block that
//!   COMMITs: 2D000), and then it runs in autocommit, marked `running` before and `done`
//!   after. Backfills go there directly.
//! - One found `running` on resume may or may not have taken effect. A concurrent index is
//!   looked up: valid means done, INVALID (a build that died) is dropped and built again. A
//!   backfill is run again (it resumes). Anything else is run again, and "already exists" or
//!   "does not exist" from it means it had run.
//! - A lock timeout (55P03) or deadlock (40P01) is retried with exponential backoff and
//!   jitter, up to the configured tries; the monitor samples what the statement waits for,
//!   so that giving up names the blocker.
//! - Ctrl-C cancels the running statement through the monitor; apply records where it
//!   stopped and ends.
//! - Before a segment that takes a lock writers wait for, an autovacuum on that table is
//!   cancelled (not one that prevents wraparound): PostgreSQL would cancel it anyway once the
//!   DDL had waited `deadlock_timeout`, with every writer queued behind the DDL meanwhile.

use super::concurrent_index::concurrent_index;
use super::history::{self, StatementRecord};
use super::monitor::{Blocked, Monitor};
use super::progress::Progress;
use crate::plan::segment::{self, Direction, Segment};
use crate::plan::{Phase, Plan, Statement};
use crate::render::duration;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use tokio_postgres::Client;

/// How hard apply tries.
#[derive(Clone, Copy, Debug)]
pub struct Tries {
    /// Tries of a statement that times out waiting for a lock (1: no retry).
    pub max: u32,
    /// The first pause before a retry; each next one doubles it (with jitter), up to 30 s.
    pub base_delay_ms: u64,
}

impl Default for Tries {
    fn default() -> Self {
        Tries {
            max: 5,
            base_delay_ms: 1_000,
        }
    }
}

/// Ctrl-C, seen by every part of an apply.
#[derive(Clone, Default)]
pub struct Interrupt {
    flag: Arc<AtomicBool>,
    notify: Arc<Notify>,
}

impl Interrupt {
    /// Listen for Ctrl-C for the rest of the process.
    pub fn on_ctrl_c() -> Interrupt {
        let i = Interrupt::default();
        let c = i.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                c.flag.store(true, Ordering::SeqCst);
                c.notify.notify_waiters();
            }
        });
        i
    }

    pub fn is_set(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            if self.is_set() {
                return;
            }
            notified.await;
        }
    }
}

/// Why a phase stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum Stop {
    #[error("{step}: {message}")]
    Failed { step: String, message: String },
    #[error("{step}: could not get its lock in {tries} tries; {}", blocked.as_ref().map_or_else(|| "the blocker was not seen".to_string(), |b| b.to_string()))]
    LockTimeout {
        step: String,
        tries: u32,
        blocked: Option<Blocked>,
    },
    #[error("interrupted during {step}; run apply again to resume")]
    Interrupted { step: String },
    #[error("the connection was lost during {step}: {message}; run apply again to resume")]
    ConnectionLost { step: String, message: String },
    #[error("cannot record the history: {0}")]
    History(#[from] tokio_postgres::Error),
}

/// What a phase did.
#[derive(Clone, Debug, Default)]
pub struct PhaseReport {
    pub statements: usize,
    /// Statements that a previous run had done.
    pub skipped: usize,
    pub retries: u32,
}

/// The connection statements run on, and its helpers.
pub struct Session<'a> {
    pub client: &'a Client,
    pub pid: i32,
    pub monitor: &'a Monitor,
    pub interrupt: &'a Interrupt,
    pub tries: Tries,
}

/// Run one phase of `plan`, resuming where its history says a previous run stopped.
pub async fn run_phase(
    session: &Session<'_>,
    plan: &Plan,
    phase: Phase,
    progress: &mut Progress,
) -> Result<PhaseReport, Stop> {
    let steps = segment::steps(plan, &[phase], Direction::Forward);
    let mut segments: Vec<Segment> = Vec::new();
    for step in &steps {
        segments.extend(segment::segments(step, Direction::Forward));
    }
    let listed: Vec<(String, String)> = segments
        .iter()
        .flat_map(|seg| {
            seg.statements
                .iter()
                .map(|s| (seg.step.title(), s.sql.clone()))
        })
        .collect();
    let (migration, records) = history::begin_phase(session.client, plan, phase, &listed).await?;
    let total = listed.len();
    let mut report = PhaseReport {
        statements: total,
        ..PhaseReport::default()
    };
    let mut next = 0;
    for seg in &segments {
        let indexes: Vec<usize> = (next..next + seg.statements.len()).collect();
        next += seg.statements.len();
        let recs: Vec<&StatementRecord> = indexes.iter().map(|&i| &records[i]).collect();
        if recs.iter().all(|r| r.status == "done") {
            report.skipped += indexes.len();
            continue;
        }
        let uncertain = recs.iter().any(|r| r.status == "running");
        test_pause(session.pid).await;
        progress.start(&format!(
            "  [{}/{total}] {phase}: {}{}",
            indexes[0] + 1,
            seg.step.title(),
            if uncertain { " (resuming)" } else { "" }
        ));
        let result = run_segment(session, migration, seg, &indexes, uncertain, progress).await;
        progress.done();
        match result {
            Ok(retries) => report.retries += retries,
            Err(stop) => {
                let status = match &stop {
                    Stop::Interrupted { .. } => history::Status::Interrupted,
                    _ => history::Status::Failed,
                };
                let message = stop.to_string();
                // A lost connection cannot record anything; the next run finds `running`.
                if !matches!(stop, Stop::ConnectionLost { .. } | Stop::History(_)) {
                    let what = if status == history::Status::Failed {
                        "failed"
                    } else {
                        "pending"
                    };
                    history::mark_failed(session.client, migration, &indexes, what, &message)
                        .await?;
                    history::end_phase(session.client, migration, status, Some(&message)).await?;
                }
                return Err(stop);
            }
        }
        if session.interrupt.is_set() {
            let stop = Stop::Interrupted {
                step: seg.step.title(),
            };
            history::end_phase(
                session.client,
                migration,
                history::Status::Interrupted,
                Some(&stop.to_string()),
            )
            .await?;
            return Err(stop);
        }
    }
    history::end_phase(session.client, migration, history::Status::Done, None).await?;
    Ok(report)
}

/// A hook for the fault-injection tests (tests/apply.rs), inert unless the variables are
/// set: it names every segment this process starts on stderr, and before the
/// `SCHEMADIFF_TEST_PAUSE_BEFORE`-th says so with the session's backend pid and waits until
/// the file `SCHEMADIFF_TEST_RELEASE` exists, so that a test can SIGKILL the process or
/// terminate its backend exactly at a segment boundary.
async fn test_pause(pid: i32) {
    static STARTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = STARTED.fetch_add(1, Ordering::SeqCst) + 1;
    let Ok(at) = std::env::var("SCHEMADIFF_TEST_PAUSE_BEFORE") else {
        return;
    };
    eprintln!("schemadiff-test: segment {n}");
    if at.parse::<usize>().ok() != Some(n) {
        return;
    }
    eprintln!("schemadiff-test: paused before segment {n} (backend pid {pid})");
    let release = std::env::var_os("SCHEMADIFF_TEST_RELEASE");
    loop {
        if release
            .as_ref()
            .is_some_and(|f| std::path::Path::new(f).exists())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Run one segment until it is done, retrying lock timeouts. The number of retries.
async fn run_segment(
    session: &Session<'_>,
    migration: i64,
    seg: &Segment<'_>,
    indexes: &[usize],
    uncertain: bool,
    progress: &mut Progress,
) -> Result<u32, Stop> {
    let step = seg.step.title();
    let mut blocked_seen: Option<Blocked> = None;
    for attempt in 0..session.tries.max.max(1) {
        if attempt > 0 {
            history::add_retry(session.client, migration, indexes).await?;
            let pause = backoff(session.tries.base_delay_ms, attempt);
            progress.say(&format!(
                "      lock timeout ({}); retry {attempt} in {:.1}s",
                blocked_seen
                    .as_ref()
                    .map_or_else(|| "blocker not seen".to_string(), |b| b.to_string()),
                pause.as_secs_f64()
            ));
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = session.interrupt.wait() => return Err(Stop::Interrupted { step }),
            }
        }
        history::mark_running(session.client, migration, indexes).await?;
        // Writers would queue behind a write-blocking lock request that waits for autovacuum.
        let blocking: Vec<String> = seg
            .statements
            .iter()
            .flat_map(|s| &s.locks)
            .filter(|l| l.mode.blocks_writes())
            .map(|l| l.relation.to_string())
            .collect();
        let cancelled = session.monitor.cancel_autovacuum(&blocking).await;
        if cancelled > 0 {
            progress.say(&format!(
                "      cancelled {cancelled} autovacuum worker(s) on {} first",
                blocking.join(", ")
            ));
        }
        let started = Instant::now();
        let s = seg.statements[0];
        let alone = || autocommit(session, migration, s, indexes[0], uncertain, started);
        // A backfill COMMITs between batches: it never runs in a transaction block. Anything
        // else is tried in one, and runs alone only when the server refuses that.
        let mut outcome = Outcome::Error(None);
        if seg.transactional || s.batched.is_none() {
            outcome = watched(
                session,
                in_transaction(session.client, migration, seg, indexes),
                s,
                progress,
            )
            .await;
        }
        let to_autocommit = match &outcome {
            Outcome::Error(None) => true,
            Outcome::Error(Some(e)) if !seg.transactional && outside_only(e) => {
                let _ = session.client.batch_execute("ROLLBACK").await;
                true
            }
            _ => false,
        };
        if to_autocommit {
            outcome = watched(session, alone(), s, progress).await;
        }
        match outcome {
            Outcome::Done => return Ok(attempt),
            Outcome::Interrupted(_) => {
                let _ = session.client.batch_execute("ROLLBACK").await;
                return Err(Stop::Interrupted { step });
            }
            Outcome::Error(None) => unreachable!("every segment runs one way or the other"),
            Outcome::Error(Some(e)) => {
                if session.client.is_closed() || e.is_closed() || terminated(&e) {
                    return Err(Stop::ConnectionLost {
                        step,
                        message: crate::resolve::db_message(&e),
                    });
                }
                let _ = session.client.batch_execute("ROLLBACK").await;
                if session.interrupt.is_set() {
                    return Err(Stop::Interrupted { step });
                }
                if !retryable(&e) {
                    return Err(Stop::Failed {
                        step,
                        message: describe(&e),
                    });
                }
            }
            Outcome::Blocked(e, blocked) => {
                let _ = session.client.batch_execute("ROLLBACK").await;
                if !retryable(&e) {
                    return Err(Stop::Failed {
                        step,
                        message: describe(&e),
                    });
                }
                blocked_seen = blocked.or(blocked_seen);
            }
        }
    }
    Err(Stop::LockTimeout {
        step,
        tries: session.tries.max.max(1),
        blocked: blocked_seen,
    })
}

enum Outcome {
    Done,
    /// `None`: not run yet.
    Error(Option<tokio_postgres::Error>),
    /// An error after the monitor saw the statement wait for a lock.
    Blocked(tokio_postgres::Error, Option<Blocked>),
    Interrupted(#[allow(dead_code)] Option<tokio_postgres::Error>),
}

/// Drive `work` while the monitor samples what it waits for and how far it got, and
/// cancel it on Ctrl-C.
async fn watched(
    session: &Session<'_>,
    work: impl std::future::Future<Output = Result<(), tokio_postgres::Error>>,
    statement: &Statement,
    progress: &mut Progress,
) -> Outcome {
    tokio::pin!(work);
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    let mut blocked: Option<Blocked> = None;
    let mut cancelled = false;
    let mut ticks: u64 = 0;
    // The planner's estimate; none when the table was never analyzed.
    let total = match &statement.batched {
        Some(job) => {
            Some(session.monitor.estimated_rows(&job.scan.to_string()).await).filter(|n| *n > 0)
        }
        None => None,
    };
    let builds_index = statement.sql.contains("CONCURRENTLY") && statement.sql.contains("INDEX");
    loop {
        tokio::select! {
            r = &mut work => {
                return match r {
                    Ok(()) if cancelled => Outcome::Interrupted(None),
                    Ok(()) => Outcome::Done,
                    Err(e) if cancelled => Outcome::Interrupted(Some(e)),
                    Err(e) if code(&e) == Some("55P03") || code(&e) == Some("40P01") => Outcome::Blocked(e, blocked),
                    Err(e) => Outcome::Error(Some(e)),
                };
            }
            _ = tick.tick() => {
                ticks += 1;
                if let Some(b) = session.monitor.blocked(session.pid).await {
                    blocked = Some(b);
                }
                if ticks.is_multiple_of(5) {
                    if let Some(job) = &statement.batched {
                        if let Some(done) = session.monitor.backfill_rows(&job.id).await {
                            progress.advance("rows", done.max(0) as u64, total);
                        }
                    } else if builds_index
                        && let Some((phase, done, total)) = session.monitor.index_progress(session.pid).await
                    {
                        progress.advance(&phase, done, Some(total));
                    }
                }
            }
            _ = session.interrupt.wait(), if !cancelled => {
                cancelled = true;
                session.monitor.cancel(session.pid).await;
            }
        }
    }
}

/// `BEGIN`, the timeouts, the statements, their history record, `COMMIT`.
async fn in_transaction(
    client: &Client,
    migration: i64,
    seg: &Segment<'_>,
    indexes: &[usize],
) -> Result<(), tokio_postgres::Error> {
    let started = Instant::now();
    client.batch_execute("BEGIN").await?;
    for s in &seg.statements {
        client.batch_execute(&timeouts(s, "LOCAL")).await?;
        client.batch_execute(&s.sql).await?;
    }
    let ms = started.elapsed().as_millis() as i64;
    client
        .batch_execute(&history::mark_done_sql(migration, indexes, ms))
        .await?;
    client.batch_execute("COMMIT").await
}

/// One statement in autocommit mode, with the checks a resume needs.
async fn autocommit(
    session: &Session<'_>,
    migration: i64,
    s: &Statement,
    index: usize,
    uncertain: bool,
    started: Instant,
) -> Result<(), tokio_postgres::Error> {
    let client = session.client;
    client.batch_execute(&timeouts(s, "SESSION")).await?;
    let mut already = false;
    if let Some((schema, name)) = concurrent_index(&s.sql) {
        // A concurrent build that died leaves an INVALID index: drop it and build again.
        let row = client
            .query_opt(
                "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                   JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = $1 AND c.relname = $2",
                &[&schema, &name],
            )
            .await?;
        match row.map(|r| r.get::<_, bool>(0)) {
            Some(true) if uncertain => already = true,
            Some(false) => {
                client
                    .batch_execute(&format!(
                        "DROP INDEX CONCURRENTLY IF EXISTS {}",
                        crate::model::QualifiedName::new(schema, name)
                    ))
                    .await?
            }
            _ => {}
        }
    }
    if !already {
        match client.batch_execute(&s.sql).await {
            Ok(()) => {}
            // It had run before the previous apply died.
            Err(e) if uncertain && s.batched.is_none() && had_run(&e) => {}
            Err(e) => return Err(e),
        }
    }
    let ms = started.elapsed().as_millis() as i64;
    client
        .batch_execute(&history::mark_done_sql(migration, &[index], ms))
        .await
}

/// `SET [LOCAL] lock_timeout = ...; SET [LOCAL] statement_timeout = ...`.
pub(super) fn timeouts(s: &Statement, scope: &str) -> String {
    let scope = if scope == "LOCAL" { "LOCAL " } else { "" };
    format!(
        "SET {scope}lock_timeout = {}; SET {scope}statement_timeout = {}",
        duration(s.lock_timeout_ms),
        duration(s.statement_timeout_ms)
    )
}

fn code(e: &tokio_postgres::Error) -> Option<&str> {
    e.as_db_error().map(|d| d.code().code())
}

/// The server refused to run it inside a transaction block.
pub(super) fn outside_only(e: &tokio_postgres::Error) -> bool {
    matches!(code(e), Some("25001") | Some("2D000"))
}

/// The server ended the session (`pg_terminate_backend`, a shutdown).
fn terminated(e: &tokio_postgres::Error) -> bool {
    matches!(code(e), Some("57P01") | Some("57P02") | Some("57P03"))
}

fn retryable(e: &tokio_postgres::Error) -> bool {
    matches!(code(e), Some("55P03") | Some("40P01"))
}

/// Errors that say a DDL statement had already taken effect.
fn had_run(e: &tokio_postgres::Error) -> bool {
    matches!(
        code(e),
        Some("42P07")
            | Some("42710")
            | Some("42704")
            | Some("42P01")
            | Some("42701")
            | Some("42703")
    )
}

/// The server's message with its detail and hint.
pub(super) fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut m = format!("{} (SQLSTATE {})", db.message(), db.code().code());
            if let Some(d) = db.detail() {
                m.push_str(&format!("; {d}"));
            }
            if let Some(h) = db.hint() {
                m.push_str(&format!("; hint: {h}"));
            }
            m
        }
        None => e.to_string(),
    }
}

/// `base · 2^(attempt-1)`, at most 30 s, times a jitter in [0.5, 1.5).
fn backoff(base_ms: u64, attempt: u32) -> Duration {
    let exp = base_ms
        .saturating_mul(1u64 << (attempt - 1).min(16))
        .min(30_000);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let jitter = 0.5 + f64::from(nanos % 1000) / 1000.0;
    Duration::from_millis((exp as f64 * jitter) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let first = backoff(1_000, 1);
        assert!(first >= Duration::from_millis(500) && first < Duration::from_millis(1_500));
        let third = backoff(1_000, 3);
        assert!(third >= Duration::from_millis(2_000) && third < Duration::from_millis(6_000));
        assert!(backoff(1_000, 30) < Duration::from_millis(45_000));
    }
}
