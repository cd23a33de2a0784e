//! Which plan an apply runs, and which of its phases.
//!
//! Phases are barriers of one plan: after expand, the database holds what only that plan's
//! contract knows how to finish (shadow columns, sync triggers). So an unfinished plan in
//! the history always comes first: it is continued when the desired state is still the one
//! it was made for (or it is the saved `--plan`), and otherwise apply refuses and offers
//! `--resume` (finish it as recorded) or `--abandon` (give it up, then plan afresh).

use super::{Request, Source, history};
use crate::error::Error;
use crate::introspect::introspect;
use crate::plan::{self, Phase, Plan};
use crate::resolve::{Target, catalogs};
use tokio_postgres::Client;

/// The plan to run, the phases of it already done, and what to tell the user about it.
pub struct Chosen {
    pub plan: Plan,
    pub done: Vec<Phase>,
    pub note: Option<String>,
}

/// `None`: nothing to do.
pub async fn plan(req: &Request, client: &Client) -> Result<Option<Chosen>, Error> {
    let db = |e: tokio_postgres::Error| Error::Apply(format!("{}: {e}", req.url.redacted()));
    let mut open = if history::exists(client).await.map_err(db)? {
        history::open_plan(client).await.map_err(|e| match e {
            history::OpenPlanError::Db(e) => db(e),
            history::OpenPlanError::Unreadable(m) => Error::Apply(m),
        })?
    } else {
        None
    };
    let mut note = None;
    if req.abandon
        && let Some((o, _)) = open.take()
    {
        if !req.dry_run {
            history::abandon(client, &o).await.map_err(db)?;
        }
        note = Some(format!("abandoned the unfinished plan {}", o.id()));
    }
    let continued = |o: Plan, done: Vec<Phase>| {
        let done_names: Vec<&str> = done.iter().map(|p| p.name()).collect();
        let note = format!(
            "continuing plan {} (done so far: {})",
            o.id(),
            if done.is_empty() {
                "nothing".to_string()
            } else {
                done_names.join(", ")
            }
        );
        Ok(Some(Chosen {
            plan: o,
            done,
            note: Some(note),
        }))
    };
    match &req.source {
        Source::Resume => match open {
            Some((o, done)) => continued(o, done),
            None => Err(Error::Refused(
                "--resume: the history has no unfinished plan".into(),
            )),
        },
        Source::Saved(saved) => {
            if let Some((o, done)) = open {
                if o.id() == saved.id() {
                    return continued(o, done);
                }
                return Err(unfinished(&o, &done, "the plan given with --plan"));
            }
            // Applied before, in part or whole: its phases done are history, not drift.
            let done = if history::exists(client).await.map_err(db)? {
                history::done_phases(client, &saved.id())
                    .await
                    .map_err(db)?
            } else {
                Vec::new()
            };
            if !done.is_empty() {
                let names: Vec<&str> = done.iter().map(|p| p.name()).collect();
                return Ok(Some(Chosen {
                    note: Some(format!(
                        "plan {} was applied here before (done: {})",
                        saved.id(),
                        names.join(", ")
                    )),
                    plan: (**saved).clone(),
                    done,
                }));
            }
            let live = introspect(client, &req.filter).await?;
            if plan::fingerprint(&live) != saved.from_fingerprint {
                let objects = plan::stale_objects(&saved.from_digests, &live);
                let listed = if objects.is_empty() {
                    "  (the plan has no object digests; save it with `plan --format json`)"
                        .to_string()
                } else {
                    objects
                        .iter()
                        .map(|o| format!("  {o}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                return Err(Error::Refused(format!(
                    "the plan is stale: {} changed since it was made; nothing was run. Differences:\n{listed}\nplan again and review the new plan",
                    req.url.redacted()
                )));
            }
            Ok(Some(Chosen {
                plan: (**saved).clone(),
                done: Vec::new(),
                note,
            }))
        }
        Source::Desired(to) => {
            let from = Target::Database(Box::new(req.url.clone()));
            let to = Target::parse(to)?;
            let (a, b, hints) = catalogs(&from, &to, req.shadow.as_ref(), &req.filter).await?;
            if let Some((o, done)) = open {
                if o.to_fingerprint == plan::fingerprint(&b) {
                    return continued(o, done);
                }
                return Err(unfinished(&o, &done, "--to"));
            }
            let fresh = plan::plan_with(&a, &b, req.settings, &hints)?;
            if fresh.is_empty() {
                return Ok(None);
            }
            Ok(Some(Chosen {
                plan: fresh,
                done: Vec::new(),
                note,
            }))
        }
    }
}

fn unfinished(o: &Plan, done: &[Phase], other: &str) -> Error {
    let done: Vec<&str> = done.iter().map(|p| p.name()).collect();
    Error::Refused(format!(
        "plan {} in the history is unfinished (done: {}) and {other} asks for another; nothing was run.\n\
         Finish it first with `apply --resume`, or give it up with `--abandon` (a fresh plan then \
         takes what it did half-way for drift)",
        o.id(),
        if done.is_empty() {
            "nothing".to_string()
        } else {
            done.join(", ")
        }
    ))
}

/// The phases to run: `--phase`, or every phase with work not yet done, in order. A phase
/// runs only after every earlier phase with work is done.
pub fn phases(plan: &Plan, done: &[Phase], requested: Option<Phase>) -> Result<Vec<Phase>, Error> {
    let has_work = |p: Phase| plan.phase(p).iter().any(|s| !s.forward.is_empty());
    match requested {
        None => Ok(Phase::ALL
            .into_iter()
            .filter(|p| !done.contains(p) && has_work(*p))
            .collect()),
        Some(p) if done.contains(&p) => Ok(Vec::new()),
        Some(p) => {
            if let Some(first) = Phase::ALL
                .into_iter()
                .take_while(|e| *e != p)
                .find(|e| has_work(*e) && !done.contains(e))
            {
                return Err(Error::Refused(format!(
                    "phase {p} of plan {} comes after {first}, which has not run: apply --phase {first} first",
                    plan.id()
                )));
            }
            Ok(vec![p])
        }
    }
}
