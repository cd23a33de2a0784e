//! `verify`: try a plan on a throwaway copy of the live schema before it runs for real.
//!
//! 1. The live schema (schema only, as schemadiff's `dump` writes it) is loaded into a
//!    temporary shadow database; its catalog must equal the live one's.
//! 2. The plan (a saved `--plan`, or a fresh plan from the copy to `--to`) runs phase by
//!    phase, segment by segment, as apply cuts it; every statement's real locks are read
//!    from `pg_locks` ([`locks`](super::locks)) and compared with what the plan claims.
//! 3. The copy must then equal the desired state; the reverse runs, and the copy must equal
//!    the original again.
//! 4. The shadow is always dropped, on errors and Ctrl-C too.

use super::execute::{Interrupt, describe, outside_only, timeouts};
use super::locks::{self, Held, Understated};
use crate::connect::ConnectOptions;
use crate::diff::diff;
use crate::error::Error;
use crate::introspect::{Filter, introspect};
use crate::model::Catalog;
use crate::plan::segment::{self, Direction};
use crate::plan::{self, Phase, Plan, Settings, Statement};
use crate::resolve::{Shadows, Target, catalogs, load_copy};

use std::time::Duration;
use tokio_postgres::Client;

/// What to verify.
#[derive(Clone, Debug)]
pub struct Request {
    pub url: ConnectOptions,
    /// The desired state.
    pub to: String,
    /// A reviewed plan to verify instead of a fresh one.
    pub plan: Option<Box<Plan>>,
    pub settings: Settings,
    pub filter: Filter,
    pub shadow: Option<ConnectOptions>,
}

/// What verify found. It passed when `failures` is empty.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Statements run forward and in reverse.
    pub statements: usize,
    pub understated: Vec<Understated>,
    pub failures: Vec<String>,
    /// Progress lines, in order.
    pub log: Vec<String>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.understated.is_empty()
    }
}

/// Verify; the shadow is dropped whatever happens.
pub async fn verify(req: &Request, interrupt: &Interrupt) -> Result<Report, Error> {
    let live = Target::Database(Box::new(req.url.clone()));
    let to = Target::parse(&req.to)?;
    let (a, b, hints) = catalogs(&live, &to, req.shadow.as_ref(), &req.filter).await?;
    // The copy goes on the --shadow-url server, else on the live database's own.
    let mut shadows = Shadows::beside(req.shadow.as_ref(), &req.url);
    let work = run(req, &a, &b, &hints, &mut shadows);
    let result = tokio::select! {
        r = work => r,
        _ = wait(interrupt) => Err(Error::Interrupted),
    };
    shadows.cleanup().await;
    result
}

async fn wait(interrupt: &Interrupt) {
    while !interrupt.is_set() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn run(
    req: &Request,
    live: &Catalog,
    desired: &Catalog,
    hints: &plan::Hints,
    shadows: &mut Shadows,
) -> Result<Report, Error> {
    let mut report = Report::default();
    let (copy, opts) = shadows.create_with_options().await?;
    let monitor = crate::connect::connect(&opts).await?;
    load_copy(&copy, live).await?;
    let original = introspect(&copy, &req.filter).await?;
    let differs = names(&diff(live, &original));
    if !differs.is_empty() {
        report.failures.push(format!(
            "the copy of the live schema differs from it (objects schemadiff cannot copy): {}",
            differs.join(", ")
        ));
        return Ok(report);
    }
    report.log.push(format!(
        "copied the schema of {} into shadow database {}",
        req.url.redacted(),
        opts.dbname()
    ));
    let plan = match &req.plan {
        Some(p) => {
            if p.from_fingerprint != plan::fingerprint(&original) {
                let stale = plan::stale_objects(&p.from_digests, &original);
                report.failures.push(format!(
                    "the plan was not made from this schema (it is stale): {}",
                    if stale.is_empty() {
                        "fingerprints differ".to_string()
                    } else {
                        stale.join(", ")
                    }
                ));
                return Ok(report);
            }
            (**p).clone()
        }
        None => plan::plan_with(&original, desired, req.settings, hints)?,
    };
    let pid: i32 = copy
        .query_one("SELECT pg_backend_pid()", &[])
        .await
        .map_err(shadow_error)?
        .get(0);
    copy.batch_execute("SET check_function_bodies = false")
        .await
        .map_err(shadow_error)?;
    for (direction, phases, want, what) in [
        (
            Direction::Forward,
            Phase::ALL.to_vec(),
            desired,
            "the desired state",
        ),
        (
            Direction::Reverse,
            Phase::ALL.to_vec(),
            &original,
            "the original",
        ),
    ] {
        for phase in ordered(&phases, direction) {
            let steps = segment::steps(&plan, &[phase], direction);
            let mut n = 0;
            for step in steps {
                for seg in segment::segments(step, direction) {
                    n += seg.statements.len();
                    let title = step.title();
                    match traced(&copy, &monitor, pid, &seg.statements, seg.transactional).await {
                        Ok(found) => {
                            for (s, taken) in seg.statements.iter().zip(&found.0) {
                                report.understated.extend(locks::understated(
                                    &format!("{} {phase}: {title}", name(direction)),
                                    s,
                                    taken,
                                    &|r| locks::ancestors(&found.1, r).to_vec(),
                                ));
                            }
                        }
                        Err(e) => {
                            report.failures.push(format!(
                                "{} {phase}: {title}: {}",
                                name(direction),
                                describe(&e)
                            ));
                            return Ok(report);
                        }
                    }
                }
            }
            report.statements += n;
            report
                .log
                .push(format!("{} {phase}: {n} statements ran", name(direction)));
        }
        let now = introspect(&copy, &req.filter).await?;
        let left = names(&diff(&now, want));
        if left.is_empty() {
            report
                .log
                .push(format!("{}: the schema equals {what}", name(direction)));
        } else {
            report.failures.push(format!(
                "{}: the schema differs from {what}: {}",
                name(direction),
                left.join(", ")
            ));
            return Ok(report);
        }
    }
    report.log.push(format!(
        "locks: {} statements traced, {} stronger than claimed",
        report.statements,
        report.understated.len()
    ));
    Ok(report)
}

fn name(d: Direction) -> &'static str {
    match d {
        Direction::Forward => "forward",
        Direction::Reverse => "reverse",
    }
}

fn ordered(phases: &[Phase], d: Direction) -> Vec<Phase> {
    match d {
        Direction::Forward => phases.to_vec(),
        Direction::Reverse => phases.iter().rev().copied().collect(),
    }
}

fn names(changes: &[crate::diff::Change]) -> Vec<String> {
    let mut out: Vec<String> = changes.iter().map(|c| c.object().to_string()).collect();
    out.dedup();
    out
}

fn shadow_error(e: tokio_postgres::Error) -> Error {
    Error::Apply(format!("the verify shadow: {}", describe(&e)))
}

/// Run the statements of one segment and return the locks each took beyond the previous
/// ones: in one transaction when `transactional` (or when the server allows it), else
/// alone in autocommit, sampled from `monitor`.
async fn traced(
    client: &Client,
    monitor: &Client,
    pid: i32,
    statements: &[&Statement],
    transactional: bool,
) -> Result<(Vec<Held>, locks::Existing), tokio_postgres::Error> {
    let before = locks::existing(client).await?;
    client.batch_execute("BEGIN").await?;
    let mut found = Vec::new();
    let mut prev = Held::new();
    for s in statements {
        client.batch_execute(&timeouts(s, "LOCAL")).await?;
        match client.batch_execute(&s.sql).await {
            Ok(()) => {}
            Err(e) if !transactional && outside_only(&e) => {
                client.batch_execute("ROLLBACK").await?;
                let seen = sampled(client, monitor, pid, s, &before).await?;
                return Ok((vec![seen], before));
            }
            Err(e) => {
                let _ = client.batch_execute("ROLLBACK").await;
                return Err(e);
            }
        }
        let now = locks::held(client, pid, &before).await?;
        found.push(locks::added(&prev, &now));
        prev = now;
    }
    client.batch_execute("COMMIT").await?;
    Ok((found, before))
}

/// One statement in autocommit, its locks sampled every few milliseconds.
async fn sampled(
    client: &Client,
    monitor: &Client,
    pid: i32,
    s: &Statement,
    before: &locks::Existing,
) -> Result<Held, tokio_postgres::Error> {
    client.batch_execute(&timeouts(s, "SESSION")).await?;
    let work = client.batch_execute(&s.sql);
    tokio::pin!(work);
    let mut seen = Held::new();
    loop {
        tokio::select! {
            r = &mut work => {
                r?;
                return Ok(seen);
            }
            _ = tokio::time::sleep(Duration::from_millis(2)) => {
                if let Ok(h) = locks::held(monitor, pid, before).await {
                    locks::merge(&mut seen, &h);
                }
            }
        }
    }
}
