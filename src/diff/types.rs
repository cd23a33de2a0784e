//! Enums, domains and composite types.

use super::extras::{comment_changes, extras, whole_object};
use super::{Change, merge_maps};
use crate::model::{Catalog, CompositeType, ObjectId, RangeType};

pub fn diff_enums(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.enums, &to.enums, |name, f, t| {
        let id = ObjectId::Type { name: name.clone() };
        whole_object(
            out,
            &id,
            f,
            t,
            |e| (&e.comment, &e.grants),
            |e| Change::CreateEnum(e.clone()),
            |e| Change::DropEnum(e.clone()),
            |out, f, t| {
                if f.values == t.values {
                    return;
                }
                let (from, to) = (f.clone(), t.clone());
                out.push(if is_subsequence(&f.values, &t.values) {
                    Change::AddEnumValues { from, to }
                } else if is_renaming(&f.values, &t.values) {
                    Change::RenameEnumValues { from, to }
                } else {
                    Change::RebuildEnum { from, to }
                });
            },
        );
    });
}

/// Same length, and every label that differs is replaced by one that was not there before
/// (and is not kept elsewhere): a one-for-one rename, not a reorder.
fn is_renaming(from: &[String], to: &[String]) -> bool {
    from.len() == to.len()
        && from
            .iter()
            .zip(to)
            .filter(|(a, b)| a != b)
            .all(|(a, b)| !from.contains(b) && !to.contains(a))
}

/// True when every element of `short` appears in `long` in the same order: then the new
/// labels can be added with `ADD VALUE ... BEFORE/AFTER` without touching existing ones.
fn is_subsequence(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|s| it.any(|l| l == s))
}

pub fn diff_domains(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.domains, &to.domains, |name, f, t| {
        let id = ObjectId::Type { name: name.clone() };
        match (f, t) {
            (None, Some(t)) => {
                out.push(Change::CreateDomain(t.clone()));
                for c in t.checks.values() {
                    let cid = ObjectId::DomainConstraint {
                        domain: name.clone(),
                        name: c.name.clone(),
                    };
                    comment_changes(out, &cid, None, c.comment.as_ref());
                }
                extras(out, &id, None, Some((&t.comment, &t.grants)));
            }
            (Some(f), None) => {
                extras(out, &id, Some((&f.comment, &f.grants)), None);
                for c in f.checks.values() {
                    let cid = ObjectId::DomainConstraint {
                        domain: name.clone(),
                        name: c.name.clone(),
                    };
                    comment_changes(out, &cid, c.comment.as_ref(), None);
                }
                out.push(Change::DropDomain(f.clone()));
            }
            (Some(f), Some(t)) => {
                if f.base_type != t.base_type || f.collation != t.collation {
                    // A domain's base type cannot be altered: drop and create it. The planner
                    // rebuilds what depends on it, or refuses with the reason.
                    extras(out, &id, Some((&f.comment, &f.grants)), None);
                    out.push(Change::DropDomain(f.clone()));
                    out.push(Change::CreateDomain(t.clone()));
                    extras(out, &id, None, Some((&t.comment, &t.grants)));
                    return;
                }
                let mut fa = f.clone();
                let mut ta = t.clone();
                for d in [&mut fa, &mut ta] {
                    d.comment = None;
                    d.grants.clear();
                    d.depends_on.clear();
                    for c in d.checks.values_mut() {
                        c.comment = None;
                    }
                }
                if fa != ta {
                    out.push(Change::AlterDomain {
                        from: f.clone(),
                        to: t.clone(),
                    });
                }
                merge_maps(&f.checks, &t.checks, |cname, fc, tc| {
                    let cid = ObjectId::DomainConstraint {
                        domain: name.clone(),
                        name: cname.clone(),
                    };
                    let (fc, tc) = (
                        fc.and_then(|c| c.comment.as_ref()),
                        tc.and_then(|c| c.comment.as_ref()),
                    );
                    comment_changes(out, &cid, fc, tc);
                });
                extras(
                    out,
                    &id,
                    Some((&f.comment, &f.grants)),
                    Some((&t.comment, &t.grants)),
                );
            }
            (None, None) => {}
        }
    });
}

pub fn diff_composites(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.composites, &to.composites, |name, f, t| {
        let id = ObjectId::Type { name: name.clone() };
        whole_object(
            out,
            &id,
            f,
            t,
            |c| (&c.comment, &c.grants),
            |c| Change::CreateComposite(c.clone()),
            |c| Change::DropComposite(c.clone()),
            |out, f, t| {
                let sorted = |c: &CompositeType| {
                    let mut a = c.attributes.clone();
                    a.sort_by(|x, y| x.name.cmp(&y.name));
                    a
                };
                if sorted(f) != sorted(t) {
                    out.push(Change::AlterComposite {
                        from: f.clone(),
                        to: t.clone(),
                    });
                }
            },
        );
    });
}

pub fn diff_ranges(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.ranges, &to.ranges, |name, f, t| {
        let id = ObjectId::Type { name: name.clone() };
        let bare = |r: &RangeType| RangeType {
            comment: None,
            grants: Default::default(),
            depends_on: Default::default(),
            ..r.clone()
        };
        match (f, t) {
            (Some(f), Some(t)) if bare(f) != bare(t) => {
                // PostgreSQL cannot alter a range type: it is dropped and made again (what
                // uses it, columns, makes the plan refuse, naming it), comment and grants
                // with it.
                extras(out, &id, Some((&f.comment, &f.grants)), None);
                out.push(Change::DropRange(f.clone()));
                out.push(Change::CreateRange(t.clone()));
                extras(out, &id, None, Some((&t.comment, &t.grants)));
            }
            _ => whole_object(
                out,
                &id,
                f,
                t,
                |r| (&r.comment, &r.grants),
                |r| Change::CreateRange(r.clone()),
                |r| Change::DropRange(r.clone()),
                |_, _, _| {},
            ),
        }
    });
}
