//! Sequences (identity sequences are part of their column, not listed here).

use super::extras::extras;
use super::{Change, merge_maps};
use crate::model::{Catalog, ObjectId};

pub fn diff_sequences(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.sequences, &to.sequences, |name, f, t| {
        let id = ObjectId::Sequence { name: name.clone() };
        match (f, t) {
            (None, Some(t)) => {
                out.push(Change::CreateSequence(t.clone()));
                extras(out, &id, None, Some((&t.comment, &t.grants)));
            }
            (Some(f), None) => {
                extras(out, &id, Some((&f.comment, &f.grants)), None);
                out.push(Change::DropSequence(f.clone()));
            }
            (Some(f), Some(t)) => {
                let mut f_opts = f.clone();
                let mut t_opts = t.clone();
                for s in [&mut f_opts, &mut t_opts] {
                    s.comment = None;
                    s.grants.clear();
                    s.depends_on.clear();
                }
                if f_opts != t_opts {
                    out.push(Change::AlterSequence {
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
