//! `apply`: run a plan against a database, safely and resumably, with its history in the
//! database (issue 8).
//!
//! One apply of one database:
//! 1. Connect twice: the session that runs the statements, and a monitor ([`monitor`]).
//! 2. Take the advisory lock ([`lock`]) for the whole run, planning included, so two
//!    deploys never race; wait up to `--wait`, then refuse naming the holder.
//! 3. Choose the plan ([`choose`]): an unfinished plan in the history is continued (phases
//!    are barriers of *one* plan: a fresh plan from a half-migrated database would take the
//!    expand phase's shadow columns for drift); otherwise a saved `--plan`, checked against
//!    the live catalog's fingerprint, or a fresh plan from the live database to `--to`.
//! 4. The hazard gate ([`gate`]), then confirmation, or the script for `--dry-run`.
//! 5. Run each phase ([`execute`]), recording every statement ([`history`]).
//!
//! [`fleet`] runs this for many databases.

mod choose;
mod concurrent_index;
pub mod execute;
pub mod fleet;
pub mod gate;
pub mod history;
pub mod lock;
pub mod locks;
pub mod monitor;
pub mod progress;
pub mod verify;

pub use execute::{Interrupt, Stop, Tries};

use crate::connect::{ConnectOptions, connect};
use crate::error::Error;
use crate::introspect::Filter;
use crate::plan::{Hazard, Phase, Plan, Settings};
use crate::render;
use progress::Progress;
use std::time::{Duration, Instant};

/// Where the plan comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// Plan from the live database to these desired files (or database).
    Desired(String),
    /// A reviewed plan saved by `plan --format json --out`.
    Saved(Box<Plan>),
    /// Only the unfinished plan of the history (`--resume`).
    Resume,
}

/// Everything one apply needs.
#[derive(Clone, Debug)]
pub struct Request {
    pub url: ConnectOptions,
    pub source: Source,
    /// `--phase`; `None`: every phase not done yet, in order.
    pub phase: Option<Phase>,
    pub settings: Settings,
    pub filter: Filter,
    pub shadow: Option<ConnectOptions>,
    /// Dangerous hazards allowed by name.
    pub allow: Vec<Hazard>,
    pub wait: Duration,
    pub tries: Tries,
    /// Plan, gate and stop: nothing runs, nothing is recorded, no lock is taken.
    pub dry_run: bool,
    /// Give up the unfinished plan of the history before planning afresh.
    pub abandon: bool,
}

/// What an apply did.
#[derive(Clone, Debug)]
pub struct Applied {
    pub plan_id: Option<String>,
    pub phases: Vec<Phase>,
    pub statements: usize,
    /// Statements an earlier, interrupted run had done.
    pub skipped: usize,
    pub retries: u32,
    pub dry_run: bool,
    pub elapsed: Duration,
}

impl Applied {
    fn nothing(started: Instant) -> Applied {
        Applied {
            plan_id: None,
            phases: Vec::new(),
            statements: 0,
            skipped: 0,
            retries: 0,
            dry_run: false,
            elapsed: started.elapsed(),
        }
    }

    /// One line: `applied plan 3f2a… (expand, contract): 12 statements in 3.2 s`.
    pub fn summary(&self) -> String {
        let Some(id) = &self.plan_id else {
            return "nothing to do: the database is in the desired state".to_string();
        };
        let phases: Vec<&str> = self.phases.iter().map(|p| p.name()).collect();
        let verb = if self.dry_run {
            "would apply"
        } else {
            "applied"
        };
        let mut s = format!(
            "{verb} plan {id} ({}): {} statements",
            phases.join(", "),
            self.statements - self.skipped
        );
        if self.skipped > 0 {
            s.push_str(&format!(
                " ({} done by an earlier run were skipped)",
                self.skipped
            ));
        }
        if self.retries > 0 {
            s.push_str(&format!(", {} lock-timeout retries", self.retries));
        }
        if !self.dry_run {
            s.push_str(&format!(" in {:.1} s", self.elapsed.as_secs_f64()));
        }
        s
    }
}

/// An apply that is ready to run: connected, locked, its plan chosen and gated.
pub struct Prepared {
    client: tokio_postgres::Client,
    monitor: monitor::Monitor,
    pid: i32,
    /// `None`: nothing to do.
    chosen: Option<(Plan, Vec<Phase>)>,
    note: Option<String>,
    /// What the hazard gate would refuse (a dry run only: otherwise `prepare` fails).
    refusal: Option<String>,
    started: Instant,
    database: String,
}

impl Prepared {
    /// The plan and the phases of it that will run; `None` when there is nothing to do.
    pub fn plan(&self) -> Option<(&Plan, &[Phase])> {
        self.chosen.as_ref().map(|(p, ph)| (p, ph.as_slice()))
    }

    /// What to tell the user about the choice of plan (continuing an unfinished one).
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// What the hazard gate refuses, in a dry run.
    pub fn refusal(&self) -> Option<&str> {
        self.refusal.as_deref()
    }

    /// The psql script of what would run (`--dry-run`).
    pub fn script(&self) -> Vec<u8> {
        let mut script = Vec::new();
        match &self.chosen {
            Some((plan, phases)) => render::render_forward(plan, phases, &mut script),
            None => render::render_forward(&empty_plan(), &[], &mut script),
        }
        .expect("writing to a Vec cannot fail");
        script
    }

    /// What an apply that ran nothing reports.
    pub fn not_run(&self, dry_run: bool) -> Applied {
        let mut a = Applied::nothing(self.started);
        if let Some((plan, phases)) = &self.chosen {
            a.plan_id = Some(plan.id());
            a.phases = phases.clone();
            a.statements = count(plan, phases);
            a.dry_run = dry_run;
        }
        a
    }

    /// Run the phases, recording each statement.
    pub async fn run(
        self,
        tries: Tries,
        interrupt: &Interrupt,
        progress: &mut Progress,
    ) -> Result<Applied, Error> {
        let mut applied = self.not_run(false);
        let Some((plan, phases)) = &self.chosen else {
            return Ok(applied);
        };
        let db = |e: tokio_postgres::Error| Error::Apply(format!("{}: {e}", self.database));
        history::ensure(&self.client).await.map_err(db)?;
        history::save_plan(&self.client, plan).await.map_err(db)?;
        let session = execute::Session {
            client: &self.client,
            pid: self.pid,
            monitor: &self.monitor,
            interrupt,
            tries,
        };
        for &phase in phases {
            progress.say(&format!("== {phase} (plan {})", plan.id()));
            match execute::run_phase(&session, plan, phase, progress).await {
                Ok(report) => {
                    applied.skipped += report.skipped;
                    applied.retries += report.retries;
                }
                Err(Stop::Interrupted { step }) => {
                    return Err(Error::Apply(format!(
                        "{}: interrupted during {step}; where it stopped is recorded: run apply again to resume",
                        self.database
                    )));
                }
                Err(stop) => return Err(Error::Apply(format!("{}: {stop}", self.database))),
            }
        }
        applied.elapsed = self.started.elapsed();
        Ok(applied)
    }
}

fn count(plan: &Plan, phases: &[Phase]) -> usize {
    phases
        .iter()
        .flat_map(|p| plan.phase(*p))
        .map(|s| s.forward.len())
        .sum()
}

fn empty_plan() -> Plan {
    Plan {
        format_version: crate::plan::FORMAT_VERSION,
        from_fingerprint: String::new(),
        to_fingerprint: String::new(),
        settings: Settings::default(),
        stats: Default::default(),
        phases: Vec::new(),
        from_digests: Default::default(),
    }
}

/// Connect, lock (unless a dry run), choose the plan and its phases, and gate them.
pub async fn prepare(req: &Request) -> Result<Prepared, Error> {
    let started = Instant::now();
    let database = req.url.redacted();
    let db = |e: tokio_postgres::Error| Error::Apply(format!("{database}: {e}"));
    let client = connect(&req.url).await?;
    // A killed apply's backend stops at once, releasing the lock, instead of running on
    // until it next writes to the dead socket (PostgreSQL 14 and later).
    let _ = client
        .batch_execute("SET client_connection_check_interval = '1s'")
        .await;
    client
        .batch_execute("SET application_name = 'schemadiff'; SET check_function_bodies = false")
        .await
        .map_err(db)?;
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .await
        .map_err(db)?
        .get(0);
    let monitor = monitor::Monitor::new(connect(&req.url).await?);
    if !req.dry_run
        && let Err(holder) = lock::acquire(&client, req.wait).await.map_err(db)?
    {
        return Err(Error::Refused(format!(
            "another apply holds the migration lock of {database} (advisory lock {}): {}",
            lock::ADVISORY_KEY,
            holder.map_or_else(
                || "it has just ended; try again".to_string(),
                |h| h.to_string()
            )
        )));
    }
    let mut prepared = Prepared {
        client,
        monitor,
        pid,
        chosen: None,
        note: None,
        refusal: None,
        started,
        database: database.clone(),
    };
    let Some(chosen) = choose::plan(req, &prepared.client).await? else {
        return Ok(prepared);
    };
    prepared.note = chosen.note;
    let plan = chosen.plan;
    let phases = choose::phases(&plan, &chosen.done, req.phase)?;
    if count(&plan, &phases) == 0 {
        return Ok(prepared);
    }
    // A dry run shows the script and then says what the gate would refuse.
    match gate::check(&plan, &phases, &req.allow) {
        Err(Error::Refused(why)) if req.dry_run => prepared.refusal = Some(why),
        other => other?,
    }
    prepared.chosen = Some((plan, phases));
    Ok(prepared)
}

/// Prepare and run, without asking (a fleet, `--yes`).
pub async fn apply(
    req: &Request,
    interrupt: &Interrupt,
    progress: &mut Progress,
) -> Result<Applied, Error> {
    let prepared = prepare(req).await?;
    if let Some(note) = prepared.note() {
        progress.say(note);
    }
    if req.dry_run {
        if let Some(why) = prepared.refusal() {
            return Err(Error::Refused(why.to_string()));
        }
        return Ok(prepared.not_run(true));
    }
    prepared.run(req.tries, interrupt, progress).await
}
