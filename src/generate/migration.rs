//! The shared model every format writes: a plan cut into migrations. One migration per phase
//! that has work; within a phase, every statement that may not run in a transaction block
//! (`CREATE INDEX CONCURRENTLY`, a backfill `DO` block that COMMITs between batches, a
//! `VALIDATE` kept out of the ADD's transaction) gets a migration of its own, so a runner's
//! per-file "no transaction" directive covers exactly that statement. The cut follows
//! `plan::segment` (the one segmentation), so a migration never splits a segment.

use crate::plan::segment::{self, Direction};
use crate::plan::{Hazard, Phase, Plan, Statement, Step};
use std::collections::BTreeSet;

/// What runs in one direction of a migration: segments in order, each a transaction of
/// consecutive transactional statements or one statement that may not run in one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Body {
    pub segments: Vec<Part>,
    /// `-- way back:` notes of steps whose reverse is incomplete or missing.
    pub notes: Vec<String>,
}

/// One segment of a body.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub statements: Vec<Statement>,
    pub transactional: bool,
}

impl Body {
    /// True when the runner may wrap the whole body in one transaction.
    pub fn transactional(&self) -> bool {
        self.segments.iter().all(|s| s.transactional)
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// Every statement, in order.
    pub fn statements(&self) -> impl Iterator<Item = &Statement> {
        self.segments.iter().flat_map(|s| s.statements.iter())
    }

    fn push(&mut self, statements: Vec<Statement>, transactional: bool) {
        match self.segments.last_mut() {
            // The runner's transaction holds all of a transactional migration.
            Some(last) if last.transactional && transactional => last.statements.extend(statements),
            _ => self.segments.push(Part {
                statements,
                transactional,
            }),
        }
    }
}

/// One migration: a phase's work (or the part of it between two non-transactional
/// statements), up and down.
#[derive(Clone, Debug, PartialEq)]
pub struct Migration {
    pub phase: Phase,
    /// 1-based position among its phase's migrations, and how many the phase has.
    pub part: usize,
    pub parts: usize,
    pub up: Body,
    /// The reverse of the steps whose forward ends in this migration, last step first.
    pub down: Body,
    /// Titles of the steps it runs, for the header.
    pub steps: Vec<String>,
    /// The objects its steps are about (sqitch's verify scripts check them).
    pub objects: Vec<crate::model::ObjectId>,
    pub hazards: BTreeSet<Hazard>,
    pub from_fingerprint: String,
    pub to_fingerprint: String,
}

impl Migration {
    /// True when the up part may run in the runner's transaction.
    pub fn transactional(&self) -> bool {
        self.up.transactional()
    }

    /// The name part that tells a phase's migrations apart: `expand`, `expand_2`, ...
    pub fn phase_label(&self) -> String {
        if self.parts == 1 {
            self.phase.name().to_string()
        } else {
            format!("{}_{}", self.phase.name(), self.part)
        }
    }

    /// The header every file starts with, as comment text without the comment marker.
    pub fn header(&self) -> Vec<String> {
        let mut out = vec![
            format!(
                "schemadiff: phase {} (migration {} of {} in this phase), {}",
                self.phase,
                self.part,
                self.parts,
                if self.transactional() {
                    "in one transaction"
                } else {
                    "outside any transaction"
                }
            ),
            format!("run: {}", self.phase.when()),
            format!(
                "hazards: {}",
                if self.hazards.is_empty() {
                    "none".to_string()
                } else {
                    let codes: Vec<&str> = self.hazards.iter().map(|h| h.code()).collect();
                    codes.join(", ")
                }
            ),
            format!(
                "plan: from {} to {}",
                short(&self.from_fingerprint),
                short(&self.to_fingerprint)
            ),
        ];
        out.extend(self.steps.iter().map(|s| format!("step: {s}")));
        out
    }
}

fn short(fingerprint: &str) -> &str {
    &fingerprint[..fingerprint.len().min(12)]
}

/// A migration being built: its up statements and the steps whose reverse it carries.
struct Draft<'a> {
    up: Body,
    down_steps: Vec<&'a Step>,
    steps: Vec<String>,
    objects: Vec<crate::model::ObjectId>,
    hazards: BTreeSet<Hazard>,
}

impl<'a> Draft<'a> {
    fn new(pending: &mut Vec<&'a Step>) -> Self {
        Draft {
            up: Body::default(),
            down_steps: std::mem::take(pending),
            steps: Vec::new(),
            objects: Vec::new(),
            hazards: BTreeSet::new(),
        }
    }
}

/// The plan's migrations, phase by phase.
pub fn migrations(plan: &Plan) -> Vec<Migration> {
    let mut out = Vec::new();
    for phase in Phase::ALL {
        let drafts = phase_drafts(plan.phase(phase));
        let parts = drafts.len();
        for (i, d) in drafts.into_iter().enumerate() {
            out.push(Migration {
                phase,
                part: i + 1,
                parts,
                up: d.up,
                down: down_body(&d.down_steps),
                steps: d.steps,
                objects: d.objects,
                hazards: d.hazards,
                from_fingerprint: plan.from_fingerprint.clone(),
                to_fingerprint: plan.to_fingerprint.clone(),
            });
        }
    }
    out
}

fn phase_drafts(steps: &[Step]) -> Vec<Draft<'_>> {
    let mut drafts: Vec<Draft> = Vec::new();
    // Steps with only a reverse (the parts of a dropped table) before any migration of the
    // phase exists: they go with the first one.
    let mut pending: Vec<&Step> = Vec::new();
    for step in steps {
        if step.forward.is_empty() {
            if step.reverse.is_empty() && step.reverse_note.is_none() {
                continue;
            }
            match drafts.last_mut() {
                Some(d) => d.down_steps.push(step),
                None => pending.push(step),
            }
            continue;
        }
        for seg in segment::segments(step, Direction::Forward) {
            let joins = seg.transactional && drafts.last().is_some_and(|d| d.up.transactional());
            if !joins {
                drafts.push(Draft::new(&mut pending));
            }
            let d = drafts.last_mut().expect("a draft was just pushed");
            d.up.push(
                seg.statements.iter().map(|s| (*s).clone()).collect(),
                seg.transactional,
            );
            d.hazards.extend(
                seg.statements
                    .iter()
                    .flat_map(|s| s.hazards.iter().copied()),
            );
        }
        let d = drafts.last_mut().expect("the step had statements");
        d.steps.push(step.title());
        d.objects.push(step.object.clone());
        // The step's reverse undoes it whole, so it goes with the migration its forward
        // ends in: rolled back first, before anything the step followed.
        d.down_steps.push(step);
    }
    drafts
}

fn down_body(steps: &[&Step]) -> Body {
    let mut body = Body::default();
    for step in steps.iter().rev() {
        if let Some(note) = &step.reverse_note {
            body.notes.push(format!("{}: {note}", step.title()));
        }
        for seg in segment::segments(step, Direction::Reverse) {
            body.push(
                seg.statements.iter().map(|s| (*s).clone()).collect(),
                seg.transactional,
            );
        }
    }
    body
}
