//! Dependent rebuilds: when a change removes or retypes an object, whatever still depends on
//! it must be dropped first and created again afterwards (PostgreSQL refuses otherwise).
//! Which objects are rebuilt is computed here from the `from` catalog's dependencies.

use super::PlanError;
use super::deps::DepIndex;
use super::implied::parent_of;
use super::recipes::publication;
use crate::diff::{Change, bare_table, diff};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// Objects a change takes away (or retypes) in the `from` state.
fn removed_by(c: &Change) -> Option<ObjectId> {
    let retypes = matches!(
        c,
        Change::AlterColumnType { .. }
            | Change::RebuildEnum { .. }
            | Change::RebuildCollation { .. }
    );
    (c.drops_object() || c.drops_part() || retypes).then(|| c.object())
}

pub fn add_rebuilds(
    mut changes: Vec<Change>,
    from: &Catalog,
    to: &Catalog,
    from_deps: &DepIndex,
) -> Result<Vec<Change>, PlanError> {
    let mut handled: BTreeSet<ObjectId> = changes.iter().filter_map(removed_by).collect();
    let retyped: BTreeSet<ObjectId> = changes
        .iter()
        .filter(|c| matches!(c, Change::AlterColumnType { .. }))
        .map(Change::object)
        .collect();
    // Columns converted inside an enum rebuild are handled by that step, defaults included.
    let mut converted = BTreeSet::new();
    for c in &changes {
        if let Change::RebuildEnum { from: e, .. } = c {
            converted.extend(enum_column_ids(from, &e.name));
        }
    }
    // A rebuilt collation's columns are moved to the new one inside its step (their indexes
    // and keys rebuilt by ALTER COLUMN TYPE); what depends on them is rebuilt. Their defaults
    // are left alone.
    let mut moved = BTreeSet::new();
    for c in &changes {
        if let Change::RebuildCollation { from: co, .. } = c {
            moved.extend(crate::plan::recipes::kept_collation_columns(
                from, to, &co.name,
            ));
        }
    }
    handled.extend(moved.iter().cloned());
    changes.retain(|c| {
        !(matches!(c, Change::AlterColumnDefault { .. }) && converted.contains(&c.object()))
    });
    // Every column whose type ALTER COLUMN TYPE changes in this plan, whichever step runs it.
    let altered: BTreeSet<&ObjectId> = retyped.iter().chain(&converted).chain(&moved).collect();
    let altered: BTreeSet<ObjectId> = altered.into_iter().cloned().collect();
    handled.extend(converted);
    // A dropped table or view takes its columns with it: what depends on a column (a view on
    // a view records the columns it reads) must be rebuilt as well.
    let columns: Vec<ObjectId> = handled.iter().flat_map(|id| columns_of(id, from)).collect();
    handled.extend(columns);
    let mut work: Vec<ObjectId> = handled.iter().cloned().collect();
    while let Some(x) = work.pop() {
        let dependents: Vec<ObjectId> = from_deps.dependents_of(&x).cloned().collect();
        for d in dependents {
            if handled.contains(&d) || replaced_away_from(&changes, &d, &x, to) {
                continue;
            }
            if let ObjectId::Publication { name } = &d {
                if altered.contains(&x) {
                    return Err(PlanError::Unsupported {
                        object: x.clone(),
                        reason: format!(
                            "its type changes, and {d} names it in a column list or row filter, which PostgreSQL does not allow; take it out of the publication in one plan and change its type in the next"
                        ),
                    });
                }
                // A dropped table leaves its publications with it, and the diff takes it out
                // of them (before the drop) or puts it in again; a table dropped and made
                // again is taken out before and put back after.
                publication::around_recreated(&mut changes, name, from, to);
                continue;
            }
            // Default privileges only stand on their schema (and role), and their diff
            // already compares the two states' entries; nothing is rebuilt around them, and
            // their own change (an entry of a dropped schema taken back, so the way back
            // restores it) must stay.
            if let ObjectId::DefaultPrivileges { .. } = &d {
                continue;
            }
            let parent = parent_of(&d, from, to);
            if parent
                .as_ref()
                .is_some_and(|p| handled.contains(p) && is_container(p))
            {
                continue; // goes with its table or view
            }
            if retyped.contains(&x)
                && matches!(d, ObjectId::Index { .. } | ObjectId::Constraint { .. })
            {
                continue; // ALTER COLUMN TYPE rebuilds indexes and constraints itself
            }
            if matches!(d, ObjectId::Index { .. } | ObjectId::Constraint { .. })
                && from_deps.deps_of(&d).any(|c| moved.contains(c))
            {
                continue; // so does moving a column to a rebuilt collation
            }
            if parent.as_ref() == Some(&x) && matches!(d, ObjectId::Column { .. }) {
                continue; // a retyped column's own table
            }
            if let ObjectId::Column { .. } = &d {
                // A column is never dropped for a dependency: its default is reset around
                // the change, or (generated) it is re-added; changes already made to it stay.
                let covered = changes.iter().any(|c| {
                    c.object() == d
                        && matches!(
                            c,
                            Change::AlterColumnDefault { .. }
                                | Change::AlterColumnIdentity { .. }
                                | Change::DropColumn { .. }
                        )
                });
                handled.insert(d.clone());
                if covered {
                    split_default_change(&mut changes, &d);
                    continue;
                }
                let rebuilt = rebuild_changes(&d, &x, from, to)?;
                let regenerated = rebuilt
                    .iter()
                    .any(|c| matches!(c, Change::DropColumn { .. }));
                changes.extend(rebuilt);
                if regenerated {
                    work.push(d);
                }
                continue;
            }
            let rebuilt = rebuild_changes(&d, &x, from, to)?;
            changes.retain(|c| {
                let o = c.object();
                o != d && parent_of(&o, from, to).as_ref() != Some(&d)
            });
            changes.extend(rebuilt);
            // What depends on a rebuilt view's columns (a view on it) is rebuilt too.
            for c in columns_of(&d, from) {
                if handled.insert(c.clone()) {
                    work.push(c);
                }
            }
            handled.insert(d.clone());
            work.push(d);
        }
    }
    Ok(changes)
}

/// A function or aggregate `d` replaced in place (`CREATE OR REPLACE`) by a definition that
/// no longer uses `x` (an aggregate given a new transition function, a `BEGIN ATOMIC` body
/// calling something else): the replacement drops the old dependency, and it runs before
/// `x` goes (`altering`), so `d` need not be dropped and created around it.
fn replaced_away_from(changes: &[Change], d: &ObjectId, x: &ObjectId, to: &Catalog) -> bool {
    // A table or materialized view moved to another access method lets go of the old one
    // in its own step, before the access method is dropped.
    if let ObjectId::AccessMethod { name } = x {
        return changes.iter().any(|c| {
            matches!(c, Change::SetAccessMethod { relation, to, .. }
                if relation == d && to.as_ref() != Some(name))
        });
    }
    let ObjectId::Function { id } = d else {
        return false;
    };
    changes
        .iter()
        .any(|c| matches!(c, Change::ReplaceFunction { to: t, .. } if t.id == *id))
        && to
            .functions
            .get(id)
            .is_some_and(|f| !f.depends_on.contains(x))
}

/// A default that changes from one expression to another across a recreated function or
/// sequence must be taken off before the old one goes and put on after the new one comes:
/// two changes, so each can sit on its side of the rebuild.
fn split_default_change(changes: &mut Vec<Change>, column: &ObjectId) {
    let Some(i) = changes.iter().position(|c| {
        c.object() == *column
            && matches!(c, Change::AlterColumnDefault { from, to, .. } if from.default.is_some() && to.default.is_some())
    }) else {
        return;
    };
    if let Change::AlterColumnDefault { table, from, to } = changes.remove(i) {
        let none = |c: &Column| Column {
            default: None,
            ..c.clone()
        };
        changes.push(Change::AlterColumnDefault {
            table: table.clone(),
            from: from.clone(),
            to: none(&from),
        });
        changes.push(Change::AlterColumnDefault {
            table,
            from: none(&to),
            to,
        });
    }
}

fn columns_of(id: &ObjectId, cat: &Catalog) -> Vec<ObjectId> {
    let column = |table: &QualifiedName, name: &str| ObjectId::Column {
        table: table.clone(),
        column: name.to_string(),
    };
    match id {
        ObjectId::Table { name } => cat.tables.get(name).map_or_else(Vec::new, |t| {
            t.columns.iter().map(|c| column(name, &c.name)).collect()
        }),
        ObjectId::View { name } | ObjectId::MaterializedView { name } => {
            cat.views.get(name).map_or_else(Vec::new, |v| {
                v.columns.iter().map(|c| column(name, &c.name)).collect()
            })
        }
        _ => Vec::new(),
    }
}

fn is_container(id: &ObjectId) -> bool {
    matches!(
        id,
        ObjectId::Table { .. }
            | ObjectId::View { .. }
            | ObjectId::MaterializedView { .. }
            | ObjectId::Type { .. }
    )
}

fn enum_column_ids(cat: &Catalog, name: &QualifiedName) -> Vec<ObjectId> {
    let (scalar, array) = (name.to_string(), format!("{name}[]"));
    cat.tables
        .values()
        .flat_map(|t| {
            t.columns
                .iter()
                .filter(|c| c.type_name == scalar || c.type_name == array)
                .map(|c| ObjectId::Column {
                    table: t.name.clone(),
                    column: c.name.clone(),
                })
        })
        .collect()
}

/// Drop-and-create changes for `d`, which depends on `cause`, taken from both catalogs.
fn rebuild_changes(
    d: &ObjectId,
    cause: &ObjectId,
    from: &Catalog,
    to: &Catalog,
) -> Result<Vec<Change>, PlanError> {
    let refuse = |reason: String| PlanError::Unsupported {
        object: cause.clone(),
        reason,
    };
    // A collation cannot be altered: a changed one is rebuilt and its columns moved over,
    // but a domain's collation cannot be changed, nor a composite type's stored attribute.
    if let ObjectId::Collation { name } = cause
        && matches!(d, ObjectId::Type { .. })
        && to.collations.contains_key(name)
    {
        return Err(refuse(format!(
            "its definition changed, and PostgreSQL cannot alter a collation in place: it would be rebuilt, but {d} uses it and cannot be moved to the new one; create a collation under a new name and move {d} to it"
        )));
    }
    // Tables, types, sequences, schemas and extensions hold data or shape other objects:
    // they are not dropped and created behind the user's back.
    if matches!(
        d,
        ObjectId::Table { .. }
            | ObjectId::Type { .. }
            | ObjectId::Sequence { .. }
            | ObjectId::Schema { .. }
            | ObjectId::Extension { .. }
    ) {
        return Err(refuse(format!(
            "{d} depends on it and cannot be rebuilt automatically"
        )));
    }
    let (old, new) = (only(d, from), only(d, to));
    let (Some(old), new) = (old, new) else {
        return Ok(Vec::new());
    };
    let Some(new) = new else {
        // Missing from the target state: the diff drops it, before what it depends on.
        return Ok(Vec::new());
    };
    if let ObjectId::Column { table, column } = d {
        return rebuild_column(table, column, cause, from, to).ok_or_else(|| {
            refuse(format!(
                "{d} depends on it and cannot be rebuilt automatically"
            ))
        });
    }
    // A part (index, constraint, ...) is diffed against its bare container; a view or function
    // against nothing.
    let keep_container = matches!(
        d,
        ObjectId::Index { .. }
            | ObjectId::Constraint { .. }
            | ObjectId::Trigger { .. }
            | ObjectId::Policy { .. }
            | ObjectId::Statistics { .. }
            | ObjectId::Rule { .. }
    );
    let empty = |c: &Catalog| {
        if keep_container {
            containers_only(c)
        } else {
            Catalog::default()
        }
    };
    let mut out = diff(&old, &empty(&old));
    out.extend(diff(&empty(&new), &new));
    Ok(out)
}

/// A column that depends on a removed function or sequence through its default, or on a
/// retyped column through its generation expression.
fn rebuild_column(
    table: &QualifiedName,
    column: &str,
    cause: &ObjectId,
    from: &Catalog,
    to: &Catalog,
) -> Option<Vec<Change>> {
    let f = from.tables.get(table)?.column(column)?;
    let t = to.tables.get(table)?.column(column)?;
    if f.generated.is_some() {
        let mut out = Vec::new();
        let bare = |c: &Column| Column {
            comment: None,
            grants: Default::default(),
            ..c.clone()
        };
        out.push(Change::DropColumn {
            table: table.clone(),
            column: bare(f),
        });
        out.push(Change::AddColumn {
            table: table.clone(),
            column: bare(t),
        });
        let id = ObjectId::Column {
            table: table.clone(),
            column: column.to_string(),
        };
        crate::diff::comment_changes(&mut out, &id, f.comment.as_ref(), None);
        crate::diff::comment_changes(&mut out, &id, None, t.comment.as_ref());
        crate::diff::grant_changes(&mut out, &id, &f.grants, &crate::model::Set::new());
        crate::diff::grant_changes(&mut out, &id, &crate::model::Set::new(), &t.grants);
        return Some(out);
    }
    if matches!(cause, ObjectId::Function { .. } | ObjectId::Sequence { .. }) && f.default.is_some()
    {
        let none = |c: &Column| Column {
            default: None,
            ..c.clone()
        };
        return Some(vec![
            Change::AlterColumnDefault {
                table: table.clone(),
                from: f.clone(),
                to: none(f),
            },
            Change::AlterColumnDefault {
                table: table.clone(),
                from: none(t),
                to: t.clone(),
            },
        ]);
    }
    None
}

/// A catalog holding just the object `id` of `cat` (a table keeps only that part), so that
/// diffing it against its bare container yields exactly that object's drop or create.
fn only(id: &ObjectId, cat: &Catalog) -> Option<Catalog> {
    let mut out = Catalog::default();
    match id {
        ObjectId::View { name } | ObjectId::MaterializedView { name } => {
            out.views.insert(name.clone(), cat.views.get(name)?.clone());
        }
        ObjectId::Function { id } => {
            out.functions
                .insert(id.clone(), cat.functions.get(id)?.clone());
        }
        ObjectId::Index { table, name } => {
            if let Some(t) = cat.tables.get(table) {
                let mut bare = bare_table(t);
                bare.indexes
                    .insert(name.clone(), t.indexes.get(name)?.clone());
                out.tables.insert(table.clone(), bare);
            } else {
                let v = cat.views.get(table)?;
                let mut bare = crate::diff::bare_view(v);
                bare.indexes
                    .insert(name.clone(), v.indexes.get(name)?.clone());
                out.views.insert(table.clone(), bare);
            }
        }
        ObjectId::Constraint { table, name } => {
            let t = cat.tables.get(table)?;
            let mut bare = bare_table(t);
            bare.constraints
                .insert(name.clone(), t.constraints.get(name)?.clone());
            out.tables.insert(table.clone(), bare);
        }
        ObjectId::Trigger { table, name } => {
            if let Some(t) = cat.tables.get(table) {
                let mut bare = bare_table(t);
                bare.triggers
                    .insert(name.clone(), t.triggers.get(name)?.clone());
                out.tables.insert(table.clone(), bare);
            } else {
                let v = cat.views.get(table)?;
                let mut bare = crate::diff::bare_view(v);
                bare.triggers
                    .insert(name.clone(), v.triggers.get(name)?.clone());
                out.views.insert(table.clone(), bare);
            }
        }
        ObjectId::Policy { table, name } => {
            let t = cat.tables.get(table)?;
            let mut bare = bare_table(t);
            bare.policies
                .insert(name.clone(), t.policies.get(name)?.clone());
            out.tables.insert(table.clone(), bare);
        }
        ObjectId::Statistics { .. } | ObjectId::Rule { .. } => {
            let (relation, key) = Defined::key_of(id)?;
            if let Some(t) = cat.tables.get(&relation) {
                let mut bare = bare_table(t);
                bare.defined
                    .insert(key.clone(), t.defined.get(&key)?.clone());
                out.tables.insert(relation, bare);
            } else {
                let v = cat.views.get(&relation)?;
                let mut bare = crate::diff::bare_view(v);
                bare.defined
                    .insert(key.clone(), v.defined.get(&key)?.clone());
                out.views.insert(relation, bare);
            }
        }
        ObjectId::Column { table, column } => {
            cat.tables.get(table)?.column(column)?;
        }
        // Rebuilt around a function the plan drops and makes again.
        ObjectId::EventTrigger { name } => {
            out.event_triggers
                .insert(name.clone(), cat.event_triggers.get(name)?.clone());
        }
        ObjectId::Schema { .. }
        | ObjectId::Extension { .. }
        | ObjectId::Collation { .. }
        | ObjectId::DefaultPrivileges { .. }
        | ObjectId::Publication { .. }
        // Nothing the plan rebuilds depends on an access method but tables and materialized
        // views (which depend on nothing an access method does).
        | ObjectId::AccessMethod { .. }
        | ObjectId::Type { .. }
        | ObjectId::Sequence { .. }
        | ObjectId::Table { .. }
        | ObjectId::DomainConstraint { .. } => return None,
    }
    Some(out)
}

/// The bare tables and views of `cat`, without their parts.
fn containers_only(cat: &Catalog) -> Catalog {
    Catalog {
        tables: cat
            .tables
            .iter()
            .map(|(k, t)| (k.clone(), bare_table(t)))
            .collect::<BTreeMap<_, _>>(),
        views: cat
            .views
            .iter()
            .map(|(k, v)| (k.clone(), crate::diff::bare_view(v)))
            .collect(),
        ..Catalog::default()
    }
}
