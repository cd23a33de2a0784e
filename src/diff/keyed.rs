//! The one differ of the keyed parts of a table or view (constraints, indexes, triggers,
//! policies, extended statistics and rules): added parts are created, dropped parts dropped,
//! and a part on both sides is remade or altered in place as its kind says. Comments come
//! with every part the same way, so each kind states only what is its own.

use super::Change;
use super::KeyedMap;
use super::extras::comment_changes;
use crate::model::{ObjectId, QualifiedName};

/// What a part on both sides needs.
pub(super) enum Alteration {
    /// Drop the old one and create the new one (its definition changed in a way no ALTER
    /// can express).
    Remake,
    /// These in-place changes (none when only the comment may differ).
    InPlace(Vec<Change>),
}

/// One kind of part of a relation, keyed by name within it.
pub(super) trait Part: Sized {
    /// Its id, on `relation`.
    fn id(&self, relation: &QualifiedName) -> ObjectId;
    fn comment(&self) -> Option<&String>;
    /// The part as its create makes it: its comment is a change of its own.
    fn bare(&self) -> Self;
    fn create(relation: &QualifiedName, part: Self) -> Change;
    fn drop(relation: &QualifiedName, part: Self) -> Change;
    /// False for a part this relation does not declare itself (an inherited constraint, a
    /// partition's index attached to its parent's): it comes and goes with its origin.
    fn declared_here(&self) -> bool {
        true
    }
    /// What turns `from` into `to`, both declared here.
    fn alter(relation: &QualifiedName, from: &Self, to: &Self) -> Alteration;
}

/// The changes from `from` to `to`, the parts of `relation`: in key order of `from`, then
/// the parts only `to` has.
pub(super) fn diff_parts<K: Ord, P: Part, M: KeyedMap<K, P>>(
    out: &mut Vec<Change>,
    relation: &QualifiedName,
    from: &M,
    to: &M,
) {
    for (k, f) in from.entries() {
        if f.declared_here() {
            diff_part(
                out,
                relation,
                Some(f),
                to.lookup(k).filter(|p| p.declared_here()),
            );
        }
    }
    for (k, t) in to.entries() {
        if t.declared_here() && !from.lookup(k).is_some_and(|p| p.declared_here()) {
            diff_part(out, relation, None, Some(t));
        }
    }
}

fn diff_part<P: Part>(
    out: &mut Vec<Change>,
    relation: &QualifiedName,
    from: Option<&P>,
    to: Option<&P>,
) {
    let create = |out: &mut Vec<Change>, p: &P| {
        out.push(P::create(relation, p.bare()));
        comment_changes(out, &p.id(relation), None, p.comment());
    };
    let drop = |out: &mut Vec<Change>, p: &P| {
        comment_changes(out, &p.id(relation), p.comment(), None);
        out.push(P::drop(relation, p.bare()));
    };
    match (from, to) {
        (None, Some(t)) => create(out, t),
        (Some(f), None) => drop(out, f),
        (Some(f), Some(t)) => match P::alter(relation, f, t) {
            Alteration::Remake => {
                drop(out, f);
                create(out, t);
            }
            Alteration::InPlace(changes) => {
                out.extend(changes);
                comment_changes(out, &t.id(relation), f.comment(), t.comment());
            }
        },
        (None, None) => {}
    }
}
