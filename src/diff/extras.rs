//! Comments and grants: the same rules for every object kind.

use super::Change;
use crate::model::{Grant, ObjectId};
use std::collections::BTreeSet;

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
    from: &BTreeSet<Grant>,
    to: &BTreeSet<Grant>,
) {
    for g in from.difference(to) {
        out.push(Change::Revoke {
            object: object.clone(),
            grant: g.clone(),
        });
    }
    for g in to.difference(from) {
        out.push(Change::Grant {
            object: object.clone(),
            grant: g.clone(),
        });
    }
}

/// Comment and grants of a whole object that appears, disappears or stays.
pub fn extras(
    out: &mut Vec<Change>,
    object: &ObjectId,
    from: Option<(&Option<String>, &BTreeSet<Grant>)>,
    to: Option<(&Option<String>, &BTreeSet<Grant>)>,
) {
    let none = BTreeSet::new();
    let (fc, fg) = from.map_or((None, &none), |(c, g)| (c.as_ref(), g));
    let (tc, tg) = to.map_or((None, &none), |(c, g)| (c.as_ref(), g));
    comment_changes(out, object, fc, tc);
    grant_changes(out, object, fg, tg);
}
