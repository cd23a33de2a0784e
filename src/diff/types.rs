//! Enums, domains and composite types.

use super::extras::{comment_changes, extras};
use super::{Change, merge_maps};
use crate::model::{Catalog, ObjectId};

pub fn diff_enums(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.enums, &to.enums, |name, f, t| {
        let id = ObjectId::Type { name: name.clone() };
        match (f, t) {
            (None, Some(t)) => {
                out.push(Change::CreateEnum(t.clone()));
                extras(out, &id, None, Some((&t.comment, &t.grants)));
            }
            (Some(f), None) => {
                extras(out, &id, Some((&f.comment, &f.grants)), None);
                out.push(Change::DropEnum(f.clone()));
            }
            (Some(f), Some(t)) => {
                if f.values != t.values {
                    let change = if is_subsequence(&f.values, &t.values) {
                        Change::AddEnumValues {
                            from: f.clone(),
                            to: t.clone(),
                        }
                    } else {
                        Change::RebuildEnum {
                            from: f.clone(),
                            to: t.clone(),
                        }
                    };
                    out.push(change);
                }
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
        match (f, t) {
            (None, Some(t)) => {
                out.push(Change::CreateComposite(t.clone()));
                extras(out, &id, None, Some((&t.comment, &t.grants)));
            }
            (Some(f), None) => {
                extras(out, &id, Some((&f.comment, &f.grants)), None);
                out.push(Change::DropComposite(f.clone()));
            }
            (Some(f), Some(t)) => {
                let mut fa = f.attributes.clone();
                let mut ta = t.attributes.clone();
                fa.sort_by(|a, b| a.name.cmp(&b.name));
                ta.sort_by(|a, b| a.name.cmp(&b.name));
                if fa != ta {
                    out.push(Change::AlterComposite {
                        from: f.clone(),
                        to: t.clone(),
                    });
                }
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
