//! `ALTER DEFAULT PRIVILEGES` entries, matched by (role, schema, object type). An entry on
//! one side only is compared with an empty one (the built-in defaults), which is what its
//! absence means.

use super::Change;
use crate::model::{Catalog, DefaultPrivileges, ObjectId, Set};
use std::collections::BTreeMap;

pub fn diff_default_privileges(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    type Key<'a> = (&'a str, Option<&'a str>, &'a str);
    let by_key = |c: &'_ Catalog| -> BTreeMap<(String, Option<String>, String), DefaultPrivileges> {
        c.default_privileges
            .iter()
            .map(|d| {
                let (r, s, o): Key = d.key();
                (
                    (r.to_string(), s.map(str::to_string), o.to_string()),
                    d.clone(),
                )
            })
            .collect()
    };
    let (f, t) = (by_key(from), by_key(to));
    let empty = |d: &DefaultPrivileges| DefaultPrivileges {
        grants: Set::new(),
        revoked: Set::new(),
        ..d.clone()
    };
    let mut keys: Vec<_> = f.keys().chain(t.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (from, to) = match (f.get(key), t.get(key)) {
            (Some(a), Some(b)) => (a.clone(), b.clone()),
            (Some(a), None) => (a.clone(), empty(a)),
            (None, Some(b)) => (empty(b), b.clone()),
            (None, None) => continue,
        };
        if from != to {
            out.push(Change::AlterDefaultPrivileges { from, to });
        }
    }
}

/// The objects a plan creates are made while `from`'s default privileges are still in force
/// (the plan changes those last), and those may grant them more than the desired state says.
/// Take back whatever any of `from`'s entries grants on that kind of object in that schema
/// and the desired state does not (the role that will run the plan is not known here; a
/// REVOKE of what was never granted does nothing).
pub fn revoke_defaults_on_created(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    if from.default_privileges.is_empty() {
        return;
    }
    let mut extra: Vec<Change> = Vec::new();
    for c in out.iter() {
        let (object_type, schema, id, granted) = match c {
            Change::CreateTable(t) => (
                "TABLES",
                &t.name.schema,
                ObjectId::Table {
                    name: t.name.clone(),
                },
                to.tables.get(&t.name).map(|t| &t.grants),
            ),
            Change::CreateView(v) => (
                "TABLES",
                &v.name.schema,
                super::view_id(v),
                to.views.get(&v.name).map(|v| &v.grants),
            ),
            Change::CreateSequence(s) => (
                "SEQUENCES",
                &s.name.schema,
                ObjectId::Sequence {
                    name: s.name.clone(),
                },
                to.sequences.get(&s.name).map(|s| &s.grants),
            ),
            Change::CreateFunction(f) => (
                "FUNCTIONS",
                &f.id.schema,
                ObjectId::Function { id: f.id.clone() },
                to.functions.get(&f.id).map(|f| &f.grants),
            ),
            _ => continue,
        };
        let applies = |d: &&DefaultPrivileges| {
            d.object_type == object_type && d.schema.as_ref().is_none_or(|s| s == schema)
        };
        for d in from.default_privileges.iter().filter(applies) {
            for g in d.grants.iter() {
                let wanted = granted.is_some_and(|set| {
                    set.iter()
                        .any(|t| t.grantee == g.grantee && t.privilege == g.privilege)
                });
                let revoke = Change::Revoke {
                    object: id.clone(),
                    grant: g.clone(),
                };
                if !wanted && !extra.contains(&revoke) {
                    extra.push(revoke);
                }
            }
        }
    }
    out.extend(extra);
}
