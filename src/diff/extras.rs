//! Comments and grants: the same rules for every object kind.

use super::Change;
use crate::model::{Grant, ObjectId};

pub fn comment_changes(
    out: &mut Vec<Change>,
    object: &ObjectId,
    from: Option<&String>,
    to: Option<&String>,
) {
    if from != to {
        out.push(Change::SetComment {
            object: object.clone(),
            from: from.cloned(),
            to: to.cloned(),
        });
    }
}

pub fn grant_changes(
    out: &mut Vec<Change>,
    object: &ObjectId,
    from: &crate::model::Set<Grant>,
    to: &crate::model::Set<Grant>,
) {
    // Keyed by (grantee, privilege): a change of WITH GRANT OPTION alone is one change, whose
    // recipe then grants or revokes just the option.
    let key = |g: &Grant| (g.grantee.clone(), g.privilege.clone());
    let in_to: std::collections::BTreeMap<_, _> = to.iter().map(|g| (key(g), g)).collect();
    let in_from: std::collections::BTreeMap<_, _> = from.iter().map(|g| (key(g), g)).collect();
    for g in from {
        match in_to.get(&key(g)) {
            None => out.push(Change::Revoke {
                object: object.clone(),
                grant: g.clone(),
            }),
            Some(t) if g.with_grant_option && !t.with_grant_option => out.push(Change::Revoke {
                object: object.clone(),
                grant: g.clone(),
            }),
            _ => {}
        }
    }
    for g in to {
        match in_from.get(&key(g)) {
            None => out.push(Change::Grant {
                object: object.clone(),
                grant: g.clone(),
            }),
            Some(f) if g.with_grant_option && !f.with_grant_option => out.push(Change::Grant {
                object: object.clone(),
                grant: g.clone(),
            }),
            _ => {}
        }
    }
}

/// Comment and grants of a whole object that appears, disappears or stays.
pub fn extras(
    out: &mut Vec<Change>,
    object: &ObjectId,
    from: Option<(&Option<String>, &crate::model::Set<Grant>)>,
    to: Option<(&Option<String>, &crate::model::Set<Grant>)>,
) {
    let none = crate::model::Set::new();
    let (fc, fg) = from.map_or((None, &none), |(c, g)| (c.as_ref(), g));
    let (tc, tg) = to.map_or((None, &none), |(c, g)| (c.as_ref(), g));
    comment_changes(out, object, fc, tc);
    grant_changes(out, object, fg, tg);
}

/// One whole object that appears, disappears or stays: `Create` and then its comment and
/// grants; its comment and grants taken away and then `Drop`; or the in-place changes that
/// `alter` pushes, then the comment and grant changes.
#[allow(clippy::too_many_arguments)]
pub fn whole_object<T>(
    out: &mut Vec<Change>,
    id: &ObjectId,
    from: Option<&T>,
    to: Option<&T>,
    extras_of: impl Fn(&T) -> (&Option<String>, &crate::model::Set<Grant>),
    create: impl Fn(&T) -> Change,
    drop: impl Fn(&T) -> Change,
    alter: impl FnOnce(&mut Vec<Change>, &T, &T),
) {
    match (from, to) {
        (None, Some(t)) => {
            out.push(create(t));
            extras(out, id, None, Some(extras_of(t)));
        }
        (Some(f), None) => {
            extras(out, id, Some(extras_of(f)), None);
            out.push(drop(f));
        }
        (Some(f), Some(t)) => {
            alter(out, f, t);
            extras(out, id, Some(extras_of(f)), Some(extras_of(t)));
        }
        (None, None) => {}
    }
}
