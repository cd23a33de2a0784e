//! SQL that an enclosing step already does: a dropped table drops its indexes, constraints,
//! triggers, policies, statistics, rules, comments and grants; a created table's parts go when it goes. Those
//! steps stay in the plan (their reverse is needed, or their forward), with the implied side
//! left empty: at once for a moved table's keys, and for the other parts once the order
//! shows the part in the same phase as its table's drop or create (`order::blank_in_phase`).

use super::recipes::Draft;
use crate::diff::Change;
use crate::model::{Catalog, ObjectId};
use std::collections::BTreeSet;

/// The table, view or domain an object is part of.
pub fn parent_of(id: &ObjectId, from: &Catalog, to: &Catalog) -> Option<ObjectId> {
    let relation = |name: &crate::model::QualifiedName| {
        for cat in [from, to] {
            if cat.tables.contains_key(name) {
                return Some(ObjectId::Table { name: name.clone() });
            }
            if let Some(v) = cat.views.get(name) {
                return Some(crate::diff::view_id(v));
            }
        }
        None
    };
    match id {
        ObjectId::Column { table, .. }
        | ObjectId::Index { table, .. }
        | ObjectId::Constraint { table, .. }
        | ObjectId::Trigger { table, .. }
        | ObjectId::Policy { table, .. }
        | ObjectId::Statistics { table, .. }
        | ObjectId::Rule { table, .. } => relation(table),
        ObjectId::DomainConstraint { domain, .. } => Some(ObjectId::Type {
            name: domain.clone(),
        }),
        ObjectId::Schema { .. }
        | ObjectId::Extension { .. }
        | ObjectId::Collation { .. }
        | ObjectId::DefaultPrivileges { .. }
        | ObjectId::Publication { .. }
        | ObjectId::EventTrigger { .. }
        | ObjectId::AccessMethod { .. }
        | ObjectId::Type { .. }
        | ObjectId::Sequence { .. }
        | ObjectId::Table { .. }
        | ObjectId::View { .. }
        | ObjectId::MaterializedView { .. }
        | ObjectId::Function { .. } => None,
    }
}

pub fn blank_implied(
    drafts: &mut [Draft],
    changes: &[Change],
    (from, to): (&Catalog, &Catalog),
    (from_deps, to_deps): (&super::DepIndex, &super::DepIndex),
) {
    // A table moved to the backup schema takes its keys and plain indexes along (they stand
    // on its own columns only): neither way has anything to do for them. Its other parts
    // (foreign keys, triggers, policies, indexes over functions) may stand on objects the
    // plan drops: they are dropped by their own steps and come back by their reverses.
    let moved: BTreeSet<ObjectId> = drafts
        .iter()
        .filter(|d| d.step.kind == super::recipes::MOVE_TABLE)
        .map(|d| d.step.object.clone())
        .collect();
    let dropped: BTreeSet<ObjectId> = changes
        .iter()
        .filter(|c| c.drops_object())
        .map(Change::object)
        .filter(|o| !moved.contains(o))
        .collect();
    let created: BTreeSet<ObjectId> = changes
        .iter()
        .filter(|c| c.creates_object())
        .map(Change::object)
        .collect();
    for d in drafts.iter_mut() {
        if d.foreign_key {
            continue; // a foreign key ties two tables: dropping one does not drop it
        }
        let object = &d.step.object;
        let parent = parent_of(object, from, to);
        let own = |dep: &ObjectId| match dep {
            ObjectId::Column { table, .. } | ObjectId::Table { name: table } => {
                parent
                    == Some(ObjectId::Table {
                        name: table.clone(),
                    })
            }
            _ => false,
        };
        if matches!(d.step.kind.as_str(), "drop-constraint" | "drop-index")
            && parent.as_ref().is_some_and(|p| moved.contains(p))
            && matches!(object, ObjectId::Index { .. } | ObjectId::Constraint { .. })
            && from_deps.deps_of(object).all(own)
        {
            d.step.forward.clear();
            d.step.reverse.clear();
            // The move renames the index: its name is free from there (`order`).
            d.forward_implied_by = parent.clone();
            continue;
        }
        let in_set = |set: &BTreeSet<ObjectId>| parent.as_ref().is_some_and(|p| set.contains(p));
        // A part that also stands on another object the plan drops (or creates) keeps its own
        // drop: the table that would take it along may go after that object (a policy whose
        // subquery reads another dropped table, a CHECK calling a function the plan created).
        let stands_on = |set: &BTreeSet<ObjectId>, deps: &super::DepIndex| {
            !matches!(object, ObjectId::Column { .. })
                && deps.deps_of(object).any(|dep| {
                    !own(dep)
                        && (set.contains(dep)
                            || parent_of(dep, from, to).is_some_and(|p| set.contains(&p)))
                })
        };
        match d.step.kind.as_str() {
            "drop-constraint" | "drop-index" | "drop-trigger" | "drop-policy" | "drop-column"
            | "drop-statistics" | "drop-rule"
                if in_set(&dropped) && !stands_on(&dropped, from_deps) =>
            {
                d.forward_implied_by = parent.clone()
            }
            "revoke" if dropped.contains(object) || in_set(&dropped) => d.step.forward.clear(),
            "set-comment" if is_removal(d) && (dropped.contains(object) || in_set(&dropped)) => {
                d.step.forward.clear()
            }
            "add-constraint" | "create-index" | "create-trigger" | "create-policy"
            | "add-column" | "create-statistics" | "create-rule"
                if in_set(&created) && !stands_on(&created, to_deps) =>
            {
                d.reverse_implied_by = parent.clone()
            }
            "grant" if created.contains(object) || in_set(&created) => d.step.reverse.clear(),
            "set-comment" if !is_removal(d) && (created.contains(object) || in_set(&created)) => {
                d.step.reverse.clear()
            }
            _ => {}
        }
    }
}

/// A comment step that takes a comment away: the extras recipe makes it run while the object
/// still exists.
fn is_removal(d: &Draft) -> bool {
    d.before_drop_of.contains(&d.step.object)
}
