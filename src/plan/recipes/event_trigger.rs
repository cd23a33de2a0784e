//! Event triggers. One fires on the DDL run after it, the plan's own included (an event
//! trigger that raises on `CREATE TABLE` would stop the plan half-way): a new one is made
//! at the very end of contract, after its function, and an old one dropped at the very
//! start of expand, before its function (`Place::First` / `Place::Last` in the ordering's
//! key; no step depends on an event trigger, so nothing is ordered after a create or
//! before a drop). The reverse script, each step's reverse in the opposite order, so drops
//! the new ones first and makes the old ones again last. A change of enabled state is
//! altered in place: to disabled at the start, to enabled at the end, for the same reason.

use super::{Context, Draft, Place, StepBuilder};
use crate::ddl::event_trigger as ddl;
use crate::diff::Change;
use crate::plan::PlanError;
use crate::plan::step::Phase;

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    let id = change.object();
    // CREATE, ALTER and DROP EVENT TRIGGER lock no relation.
    let b = b.no_lock();
    let mut drafts = match change {
        Change::CreateEventTrigger(e) => vec![
            b.sql(ddl::create_all(e))
                .reverse([ddl::drop(e)])
                .phase(Phase::Contract)
                .explain("made last, so that it does not fire on the plan's own statements")
                .creating(id),
        ],
        Change::DropEventTrigger(e) => {
            let mut d = b
                .sql([ddl::drop(e)])
                .reverse(ddl::create_all(e))
                .phase(Phase::Expand)
                .explain("dropped first, so that it does not fire on the plan's own statements")
                .draft();
            d.drops.push(id);
            vec![d]
        }
        Change::AlterEventTriggerEnabled { from, to } => {
            let phase = if crate::diff::is_disabling(change) {
                Phase::Expand
            } else {
                Phase::Contract
            };
            vec![
                b.sql([ddl::enable(to, &to.enabled)])
                    .reverse([ddl::enable(from, &from.enabled)])
                    .phase(phase)
                    .altering(id, ctx),
            ]
        }
        other => {
            return Err(PlanError::Internal(format!(
                "not an event trigger change: {}",
                other.kind()
            )));
        }
    };
    // Out of the way before the plan's other statements, back after all of them.
    let place = match change {
        Change::DropEventTrigger(_) => Place::First,
        Change::AlterEventTriggerEnabled { .. } if crate::diff::is_disabling(change) => {
            Place::First
        }
        _ => Place::Last,
    };
    for d in &mut drafts {
        d.place = place;
    }
    Ok(drafts)
}
