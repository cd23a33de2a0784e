//! Constraints, indexes, triggers and policies of a table.

use super::extras::comment_changes;
use super::{Change, merge_maps};
use crate::model::{Constraint, Index, Map, ObjectId, Policy, QualifiedName, Table, Trigger};

pub fn diff_table_parts(out: &mut Vec<Change>, table: &QualifiedName, f: &Table, t: &Table) {
    diff_constraints(out, table, &f.constraints, &t.constraints);
    diff_indexes(out, table, &f.indexes, &t.indexes);
    diff_triggers(out, table, &f.triggers, &t.triggers);
    diff_policies(out, table, &f.policies, &t.policies);
}

fn local(map: &Map<String, Constraint>) -> Map<String, Constraint> {
    map.iter()
        .filter(|(_, c)| !c.inherited)
        .map(|(k, c)| (k.clone(), c.clone()))
        .collect()
}

fn diff_constraints(
    out: &mut Vec<Change>,
    table: &QualifiedName,
    from: &Map<String, Constraint>,
    to: &Map<String, Constraint>,
) {
    let (from, to) = (local(from), local(to));
    merge_maps(&from, &to, |name, f, t| {
        let id = ObjectId::Constraint {
            table: table.clone(),
            name: name.clone(),
        };
        let add = |out: &mut Vec<Change>, c: &Constraint| {
            out.push(Change::AddConstraint {
                table: table.clone(),
                constraint: Constraint {
                    comment: None,
                    ..c.clone()
                },
            });
            comment_changes(out, &id, None, c.comment.as_ref());
        };
        let drop = |out: &mut Vec<Change>, c: &Constraint| {
            comment_changes(out, &id, c.comment.as_ref(), None);
            out.push(Change::DropConstraint {
                table: table.clone(),
                constraint: Constraint {
                    comment: None,
                    ..c.clone()
                },
            });
        };
        match (f, t) {
            (None, Some(t)) => add(out, t),
            (Some(f), None) => drop(out, f),
            (Some(f), Some(t)) => {
                let same_but_validity = !f.validated
                    && t.validated
                    && f.definition.strip_suffix(" NOT VALID") == Some(t.definition.as_str());
                if same_but_validity {
                    out.push(Change::ValidateConstraint {
                        table: table.clone(),
                        constraint: Constraint {
                            comment: None,
                            ..t.clone()
                        },
                    });
                    comment_changes(out, &id, f.comment.as_ref(), t.comment.as_ref());
                } else if f.definition != t.definition || f.validated != t.validated {
                    drop(out, f);
                    add(out, t);
                } else {
                    comment_changes(out, &id, f.comment.as_ref(), t.comment.as_ref());
                }
            }
            (None, None) => {}
        }
    });
}

pub(super) fn diff_indexes(
    out: &mut Vec<Change>,
    table: &QualifiedName,
    from: &Map<String, Index>,
    to: &Map<String, Index>,
) {
    // Indexes that are partitions of a parent's index come and go with the parent's index.
    let own = |m: &Map<String, Index>| -> Map<String, Index> {
        m.iter()
            .filter(|(_, i)| i.partition_of.is_none())
            .map(|(k, i)| (k.clone(), i.clone()))
            .collect()
    };
    let (from, to) = (own(from), own(to));
    merge_maps(&from, &to, |name, f, t| {
        let id = ObjectId::Index {
            table: table.clone(),
            name: name.clone(),
        };
        let add = |out: &mut Vec<Change>, i: &Index| {
            out.push(Change::CreateIndex {
                table: table.clone(),
                index: Index {
                    comment: None,
                    ..i.clone()
                },
            });
            comment_changes(out, &id, None, i.comment.as_ref());
        };
        let drop = |out: &mut Vec<Change>, i: &Index| {
            comment_changes(out, &id, i.comment.as_ref(), None);
            out.push(Change::DropIndex {
                table: table.clone(),
                index: Index {
                    comment: None,
                    ..i.clone()
                },
            });
        };
        match (f, t) {
            (None, Some(t)) => add(out, t),
            (Some(f), None) => drop(out, f),
            // An INVALID index (a failed concurrent build) is rebuilt even if its definition
            // matches: it is not used and may not enforce uniqueness.
            (Some(f), Some(t)) if f.definition != t.definition || f.valid != t.valid => {
                drop(out, f);
                add(out, t);
            }
            (Some(f), Some(t)) => comment_changes(out, &id, f.comment.as_ref(), t.comment.as_ref()),
            (None, None) => {}
        }
    });
}

pub(super) fn diff_triggers(
    out: &mut Vec<Change>,
    table: &QualifiedName,
    from: &Map<String, Trigger>,
    to: &Map<String, Trigger>,
) {
    merge_maps(from, to, |name, f, t| {
        let id = ObjectId::Trigger {
            table: table.clone(),
            name: name.clone(),
        };
        let add = |out: &mut Vec<Change>, tr: &Trigger| {
            out.push(Change::CreateTrigger {
                table: table.clone(),
                trigger: Trigger {
                    comment: None,
                    ..tr.clone()
                },
            });
            comment_changes(out, &id, None, tr.comment.as_ref());
        };
        let drop = |out: &mut Vec<Change>, tr: &Trigger| {
            comment_changes(out, &id, tr.comment.as_ref(), None);
            out.push(Change::DropTrigger {
                table: table.clone(),
                trigger: Trigger {
                    comment: None,
                    ..tr.clone()
                },
            });
        };
        match (f, t) {
            (None, Some(t)) => add(out, t),
            (Some(f), None) => drop(out, f),
            (Some(f), Some(t)) if f.definition != t.definition => {
                drop(out, f);
                add(out, t);
            }
            (Some(f), Some(t)) => {
                if f.enabled != t.enabled {
                    out.push(Change::AlterTriggerEnabled {
                        table: table.clone(),
                        from: f.clone(),
                        to: t.clone(),
                    });
                }
                comment_changes(out, &id, f.comment.as_ref(), t.comment.as_ref());
            }
            (None, None) => {}
        }
    });
}

fn diff_policies(
    out: &mut Vec<Change>,
    table: &QualifiedName,
    from: &Map<String, Policy>,
    to: &Map<String, Policy>,
) {
    merge_maps(from, to, |name, f, t| {
        let id = ObjectId::Policy {
            table: table.clone(),
            name: name.clone(),
        };
        let add = |out: &mut Vec<Change>, p: &Policy| {
            out.push(Change::CreatePolicy {
                table: table.clone(),
                policy: Policy {
                    comment: None,
                    ..p.clone()
                },
            });
            comment_changes(out, &id, None, p.comment.as_ref());
        };
        let drop = |out: &mut Vec<Change>, p: &Policy| {
            comment_changes(out, &id, p.comment.as_ref(), None);
            out.push(Change::DropPolicy {
                table: table.clone(),
                policy: Policy {
                    comment: None,
                    ..p.clone()
                },
            });
        };
        match (f, t) {
            (None, Some(t)) => add(out, t),
            (Some(f), None) => drop(out, f),
            // ALTER POLICY cannot change the command or permissiveness, nor remove a USING
            // or WITH CHECK clause (so its reverse could not add one either).
            (Some(f), Some(t))
                if f.command != t.command
                    || f.permissive != t.permissive
                    || f.using.is_some() != t.using.is_some()
                    || f.with_check.is_some() != t.with_check.is_some() =>
            {
                drop(out, f);
                add(out, t);
            }
            (Some(f), Some(t)) => {
                if f.roles != t.roles || f.using != t.using || f.with_check != t.with_check {
                    out.push(Change::AlterPolicy {
                        table: table.clone(),
                        from: Policy {
                            comment: None,
                            ..f.clone()
                        },
                        to: Policy {
                            comment: None,
                            ..t.clone()
                        },
                    });
                }
                comment_changes(out, &id, f.comment.as_ref(), t.comment.as_ref());
            }
            (None, None) => {}
        }
    });
}
