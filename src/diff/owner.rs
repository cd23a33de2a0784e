//! Owners (`--owners`): an `AlterOwner` for every object whose owner differs, and for every
//! object created or dropped by a change of the list whose owner is not the connecting user.
//! Without the option both catalogs have no owners, and nothing is emitted.

use super::{Change, OwnerChangeAt};
use crate::model::{Catalog, Grant, ObjectId};
use std::collections::BTreeSet;

/// Replace the list's owner changes by the ones it needs now. Idempotent, and run again by
/// the planner once rebuilds have added drops and creates of their own (a rebuilt object is
/// created by the connecting user, so its owner must be given back).
///
/// An object a change rebuilds in one step (`Change::rebuilds_object`) counts as both
/// dropped and created.
///
/// - A created object whose desired owner is another role: owner set after the create.
/// - A dropped object owned by another role: owner taken back by the connecting user right
///   before the drop, so that the drop's way back (which creates it as the connecting user)
///   is followed by the owner's.
/// - An object that stays: owner changed when it differs. ACLs follow the owner: the old
///   owner's own privileges go to the new one (and grants it made are now the new one's).
///   So what `to` grants the old owner is granted after the change, and what `from` grants
///   the new owner is revoked before it (after it, the REVOKE would take privileges from the
///   owner); both ride in the owner change instead of steps of their own.
pub fn owner_changes(changes: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    // The owner changes of an earlier run give back the grants they took.
    let earlier: Vec<Change> = changes
        .iter()
        .filter(|c| matches!(c, Change::AlterOwner { .. }))
        .cloned()
        .collect();
    changes.retain(|c| !matches!(c, Change::AlterOwner { .. }));
    for c in earlier {
        if let Change::AlterOwner {
            object,
            grant_old,
            revoke_new,
            ..
        } = c
        {
            changes.extend(grant_old.into_iter().map(|grant| Change::Grant {
                object: object.clone(),
                grant,
            }));
            changes.extend(revoke_new.into_iter().map(|grant| Change::Revoke {
                object: object.clone(),
                grant,
            }));
        }
    }
    if from.owners.is_empty() && to.owners.is_empty() {
        return;
    }
    let created: BTreeSet<ObjectId> = changes
        .iter()
        .filter(|c| c.creates_object() || c.rebuilds_object())
        .map(Change::object)
        .collect();
    let dropped: BTreeSet<ObjectId> = changes
        .iter()
        .filter(|c| c.drops_object() || c.rebuilds_object())
        .map(Change::object)
        .collect();
    let role = |r: Option<&str>| r.map(str::to_string);
    let mut out = Vec::new();
    for id in dropped.iter().filter(|id| from.has_own_owner(id)) {
        if let Some(old) = from.owner_of(id) {
            out.push(alter(
                id,
                OwnerChangeAt::BeforeDrop,
                Some(old.to_string()),
                None,
            ));
        }
    }
    for id in created.iter().filter(|id| to.has_own_owner(id)) {
        if let Some(new) = to.owner_of(id) {
            out.push(alter(
                id,
                OwnerChangeAt::AfterCreate,
                None,
                Some(new.to_string()),
            ));
        }
    }
    let both: BTreeSet<&ObjectId> = from.owners.keys().chain(to.owners.keys()).collect();
    for id in both {
        if created.contains(id) || dropped.contains(id) {
            continue;
        }
        if !(from.has_own_owner(id) && to.has_own_owner(id)) {
            continue;
        }
        let (old, new) = (from.owner_of(id), to.owner_of(id));
        if old != new {
            out.push(alter(id, OwnerChangeAt::Kept, role(old), role(new)));
        }
    }
    for change in &mut out {
        take_grants(changes, change);
    }
    changes.extend(out);
}

fn alter(object: &ObjectId, at: OwnerChangeAt, from: Option<String>, to: Option<String>) -> Change {
    Change::AlterOwner {
        object: object.clone(),
        at,
        from,
        to,
        grant_old: Vec::new(),
        revoke_new: Vec::new(),
    }
}

/// Move the grants to the old owner and revokes from the new owner on the object of
/// `owner` out of `changes` into it (see [`owner_changes`]). The connecting user
/// (`None`) is not known by name here: its grants are left where they are.
fn take_grants(changes: &mut Vec<Change>, owner: &mut Change) {
    // A created or dropped object's grants are made or taken away where it is anyway.
    let Change::AlterOwner {
        object,
        at: OwnerChangeAt::Kept,
        from,
        to,
        grant_old,
        revoke_new,
    } = owner
    else {
        return;
    };
    let is = |g: &Grant, role: &Option<String>| role.as_deref() == Some(g.grantee.as_str());
    changes.retain(|c| match c {
        Change::Grant { object: o, grant } if o == object && is(grant, from) => {
            grant_old.push(grant.clone());
            false
        }
        Change::Revoke { object: o, grant } if o == object && is(grant, to) => {
            revoke_new.push(grant.clone());
            false
        }
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::diff;
    use crate::model::Owner;
    use crate::model::testing::{col, qn, table, with_tables};

    fn owned(mut c: Catalog, role: &str, grantee: Option<&str>) -> Catalog {
        let id = ObjectId::Table { name: qn("t") };
        c.owners.insert(
            id.clone(),
            Owner {
                object: id,
                role: role.into(),
            },
        );
        if let Some(g) = grantee {
            c.tables.get_mut(&qn("t")).unwrap().grants.insert(Grant {
                grantee: g.into(),
                privilege: "SELECT".into(),
                with_grant_option: false,
            });
        }
        c
    }

    #[test]
    fn grants_to_the_old_and_from_the_new_owner_ride_in_the_owner_change() {
        let base = || with_tables(vec![table("t", vec![col("id", "integer")])]);
        let from = owned(base(), "a", Some("b"));
        let to = owned(base(), "b", Some("a"));
        let mut changes = diff(&from, &to);
        // Run again, as the planner does after rebuilds: the same list.
        let once = changes.clone();
        owner_changes(&mut changes, &from, &to);
        assert_eq!(changes, once);
        let [
            Change::AlterOwner {
                at: OwnerChangeAt::Kept,
                from: Some(f),
                to: Some(t),
                grant_old,
                revoke_new,
                ..
            },
        ] = changes.as_slice()
        else {
            panic!("one owner change and nothing else: {changes:#?}");
        };
        assert_eq!((f.as_str(), t.as_str()), ("a", "b"));
        assert_eq!(grant_old[0].grantee, "a");
        assert_eq!(revoke_new[0].grantee, "b");
    }

    #[test]
    fn created_and_dropped_objects_owned_by_others() {
        let empty = Catalog::default();
        let owned_t = owned(with_tables(vec![table("t", vec![])]), "a", None);
        let at = |changes: Vec<Change>| -> Vec<(OwnerChangeAt, Option<String>, Option<String>)> {
            changes
                .into_iter()
                .filter_map(|c| match c {
                    Change::AlterOwner { at, from, to, .. } => Some((at, from, to)),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            at(diff(&empty, &owned_t)),
            [(OwnerChangeAt::AfterCreate, None, Some("a".into()))]
        );
        assert_eq!(
            at(diff(&owned_t, &empty)),
            [(OwnerChangeAt::BeforeDrop, Some("a".into()), None)]
        );
        // Without owners on either side (the option off), nothing.
        let plain = with_tables(vec![table("t", vec![])]);
        assert!(at(diff(&empty, &plain)).is_empty());
    }
}
