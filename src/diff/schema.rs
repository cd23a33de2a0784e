//! Schemas and extensions.

use super::extras::extras;
use super::{Change, merge_maps};
use crate::model::{Catalog, ObjectId};

pub fn diff_schemas(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.schemas, &to.schemas, |name, f, t| {
        let id = ObjectId::Schema { name: name.clone() };
        match (f, t) {
            (None, Some(t)) => {
                out.push(Change::CreateSchema(t.clone()));
                extras(out, &id, None, Some((&t.comment, &t.grants)));
            }
            (Some(f), None) => {
                extras(out, &id, Some((&f.comment, &f.grants)), None);
                out.push(Change::DropSchema(f.clone()));
            }
            (Some(f), Some(t)) => extras(
                out,
                &id,
                Some((&f.comment, &f.grants)),
                Some((&t.comment, &t.grants)),
            ),
            (None, None) => {}
        }
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
