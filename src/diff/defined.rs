//! Extended statistics and rules (`model::Defined`) of one table or view: a changed
//! definition is a drop and a create; a statistics target alone is altered in place.

use super::extras::comment_changes;
use super::{Change, merge_maps};
use crate::model::{Defined, DefinedKey, Map, QualifiedName};

/// The object as its create makes it: without its comment.
fn bare(d: &Defined) -> Defined {
    Defined {
        comment: None,
        ..d.clone()
    }
}

pub(super) fn diff_defined(
    out: &mut Vec<Change>,
    relation: &QualifiedName,
    from: &Map<DefinedKey, Defined>,
    to: &Map<DefinedKey, Defined>,
) {
    merge_maps(from, to, |_, f, t| {
        let add = |out: &mut Vec<Change>, d: &Defined| {
            out.push(Change::CreateDefined {
                table: relation.clone(),
                object: bare(d),
            });
            comment_changes(out, &d.id(relation), None, d.comment.as_ref());
        };
        let drop = |out: &mut Vec<Change>, d: &Defined| {
            comment_changes(out, &d.id(relation), d.comment.as_ref(), None);
            out.push(Change::DropDefined {
                table: relation.clone(),
                object: bare(d),
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
                if f.target != t.target {
                    out.push(Change::AlterStatisticsTarget {
                        table: relation.clone(),
                        from: bare(f),
                        to: bare(t),
                    });
                }
                comment_changes(out, &t.id(relation), f.comment.as_ref(), t.comment.as_ref());
            }
            (None, None) => {}
        }
    });
}
