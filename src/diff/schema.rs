//! Schemas and extensions.

use super::extras::whole_object;
use super::{Change, merge_maps};
use crate::model::{Catalog, ObjectId};

pub fn diff_schemas(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.schemas, &to.schemas, |name, f, t| {
        let id = ObjectId::Schema { name: name.clone() };
        whole_object(
            out,
            &id,
            f,
            t,
            |s| (&s.comment, &s.grants),
            |s| Change::CreateSchema(s.clone()),
            |s| Change::DropSchema(s.clone()),
            |_, _, _| {},
        );
    });
}

pub fn diff_extensions(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.extensions, &to.extensions, |name, f, t| {
        let id = ObjectId::Extension { name: name.clone() };
        match (f, t) {
            (None, Some(t)) => {
                out.push(Change::CreateExtension(t.clone()));
                super::comment_changes(out, &id, None, t.comment.as_ref());
            }
            (Some(f), None) => {
                super::comment_changes(out, &id, f.comment.as_ref(), None);
                out.push(Change::DropExtension(f.clone()));
            }
            (Some(f), Some(t)) => {
                if f.version != t.version || f.schema != t.schema {
                    out.push(Change::AlterExtension {
                        from: f.clone(),
                        to: t.clone(),
                    });
                }
                super::comment_changes(out, &id, f.comment.as_ref(), t.comment.as_ref());
            }
            (None, None) => {}
        }
    });
}
