//! Sequences (identity sequences are part of their column, not listed here).

use super::extras::whole_object;
use super::{Change, merge_maps};
use crate::model::{Catalog, ObjectId, Sequence};

pub fn diff_sequences(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.sequences, &to.sequences, |name, f, t| {
        let id = ObjectId::Sequence { name: name.clone() };
        whole_object(
            out,
            &id,
            f,
            t,
            |s| (&s.comment, &s.grants),
            |s| Change::CreateSequence(s.clone()),
            |s| Change::DropSequence(s.clone()),
            |out, f, t| {
                if options(f) != options(t) {
                    out.push(Change::AlterSequence {
                        from: f.clone(),
                        to: t.clone(),
                    });
                }
            },
        );
    });
}

/// What ALTER SEQUENCE changes: everything but comment, grants and dependencies.
fn options(s: &Sequence) -> Sequence {
    Sequence {
        comment: None,
        grants: Default::default(),
        depends_on: Default::default(),
        ..s.clone()
    }
}
