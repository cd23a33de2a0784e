//! Plan: `Vec<Change>` → ordered `Step`s with reverses (DESIGN decisions 4–6).
//!
//! 1. `rebuild` adds drop-and-create pairs for objects that depend on something the change
//!    removes or retypes (a view on a column whose type changes).
//! 2. `recipes` turn each change into drafts: SQL, reverse SQL, lock, hazards, and what the
//!    step drops and creates.
//! 3. `implied` blanks the SQL an enclosing step already does (a dropped table's indexes).
//! 4. `order` sorts the drafts in a petgraph DAG built from both catalogs' dependencies.
//!
//! The reverse script is each step's reverse in the opposite order: never a re-diff, so the
//! way back knows what the way forward did.

mod deps;
mod implied;
mod order;
mod rebuild;
mod recipes;
mod step;

pub use deps::DepIndex;
pub use step::{Hazard, Lock, Phase, Step};

use crate::diff::{Change, diff};
use crate::model::{Catalog, ObjectId};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("cannot plan {object}: {reason}")]
    Unsupported { object: ObjectId, reason: String },
    #[error(transparent)]
    Cycle(#[from] crate::graph::CycleError),
    #[error("internal planner error: {0}")]
    Internal(String),
}

/// An ordered migration from one catalog to another.
#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    pub steps: Vec<Step>,
}

impl Plan {
    /// True when there is nothing to run.
    pub fn is_empty(&self) -> bool {
        self.steps.iter().all(|s| s.sql.is_empty())
    }

    /// The steps of the way back, in the order they run.
    pub fn reverse_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().rev()
    }
}

/// Plan the migration from `from` to `to`.
pub fn plan(from: &Catalog, to: &Catalog) -> Result<Plan, PlanError> {
    plan_changes(from, to, diff(from, to))
}

/// Plan given changes (already diffed) between two catalogs.
pub fn plan_changes(from: &Catalog, to: &Catalog, changes: Vec<Change>) -> Result<Plan, PlanError> {
    plan_with_deps(from, to, changes, &DepIndex::new(from), &DepIndex::new(to))
}

/// [`plan_changes`] with the catalogs' dependency indexes already built (a sub-plan reuses
/// its parent's: they cost about as much as the diff on a large database).
pub(super) fn plan_with_deps(
    from: &Catalog,
    to: &Catalog,
    changes: Vec<Change>,
    from_deps: &DepIndex,
    to_deps: &DepIndex,
) -> Result<Plan, PlanError> {
    let changes = rebuild::add_rebuilds(changes, from, to, from_deps)?;
    let created_tables = changes
        .iter()
        .filter(|c| matches!(c, Change::CreateTable(_)))
        .map(Change::object)
        .collect();
    let recreated = recreated(&changes);
    let ctx = recipes::Context {
        from,
        to,
        from_deps,
        to_deps,
        created_tables,
        recreated,
    };
    let mut drafts = Vec::new();
    let mut groups = Vec::new();
    for (i, change) in changes.iter().enumerate() {
        let more = recipes::drafts(change, &ctx)?;
        groups.extend(std::iter::repeat_n(i, more.len()));
        drafts.extend(more);
    }
    implied::blank_implied(&mut drafts, &changes, from, to);
    let steps = order::order(drafts, &groups, (from, to), from_deps, to_deps)?;
    Ok(Plan { steps })
}

/// Objects that some change drops (or rebuilds) and some change creates again.
fn recreated(changes: &[Change]) -> std::collections::BTreeSet<ObjectId> {
    use Change::*;
    let dropped: std::collections::BTreeSet<ObjectId> = changes
        .iter()
        .filter(|c| c.drops_object() || c.drops_part())
        .map(Change::object)
        .collect();
    changes
        .iter()
        .filter(|c| {
            matches!(c, RebuildEnum { .. } | RenameEnumValues { .. })
                || ((c.creates_object() || c.adds_part()) && dropped.contains(&c.object()))
        })
        .map(Change::object)
        .collect()
}

#[cfg(test)]
mod tests;
