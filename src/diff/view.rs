//! Views and materialized views.

use super::extras::{comment_changes, extras};
use super::keyed::diff_parts;
use super::{Change, merge_maps};
use crate::model::{Catalog, ObjectId, View};
use std::collections::BTreeMap;

/// The view as `CREATE [MATERIALIZED] VIEW` makes it: no indexes, triggers, statistics,
/// rules, comments or grants.
pub fn bare_view(v: &View) -> View {
    let mut bare = v.clone();
    bare.indexes.clear();
    bare.triggers.clear();
    bare.defined.clear();
    bare.comment = None;
    bare.grants.clear();
    for c in &mut bare.columns {
        c.comment = None;
    }
    bare
}

pub fn diff_views(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.views, &to.views, |_, f, t| match (f, t) {
        (None, Some(t)) => create_view(out, t),
        (Some(f), None) => drop_view(out, f),
        (Some(f), Some(t)) => {
            let (bf, bt) = (bare_view(f), bare_view(t));
            if bf == bt {
                view_extras(out, f, t);
            } else if t.materialized
                && f.materialized
                && but_access_method(&bf) == but_access_method(&bt)
            {
                // Only the access method differs: moved in place, its indexes and all.
                out.push(Change::SetAccessMethod {
                    relation: super::view_id(t),
                    from: f.access_method.clone(),
                    to: t.access_method.clone(),
                });
                view_extras(out, f, t);
            } else if !f.materialized && !t.materialized && replaceable(f, t) {
                out.push(Change::ReplaceView { from: bf, to: bt });
                view_extras(out, f, t);
            } else {
                drop_view(out, f);
                create_view(out, t);
            }
        }
        (None, None) => {}
    });
}

/// The view without its access method (nor its dependency on it).
fn but_access_method(v: &View) -> View {
    let mut v = v.clone();
    v.access_method = None;
    v.depends_on
        .retain(|d| !matches!(d, ObjectId::AccessMethod { .. }));
    v
}

/// `CREATE OR REPLACE VIEW` keeps the existing columns (same names and types, same order).
/// It could also append columns, but its reverse could not take them away again, so a view
/// whose columns change at all is dropped and created (with what depends on it).
fn replaceable(f: &View, t: &View) -> bool {
    f.columns.len() == t.columns.len()
        && f.columns
            .iter()
            .zip(&t.columns)
            .all(|(a, b)| a.name == b.name && a.type_name == b.type_name)
}

fn create_view(out: &mut Vec<Change>, t: &View) {
    let bare = bare_view(t);
    out.push(Change::CreateView(bare.clone()));
    view_extras(out, &bare, t);
}

fn drop_view(out: &mut Vec<Change>, f: &View) {
    let bare = bare_view(f);
    view_extras(out, f, &bare);
    out.push(Change::DropView(bare));
}

/// Indexes (materialized views), triggers (plain views), statistics, rules, column comments, comment and grants.
fn view_extras(out: &mut Vec<Change>, f: &View, t: &View) {
    diff_parts(out, &t.name, &f.indexes, &t.indexes);
    diff_parts(out, &t.name, &f.triggers, &t.triggers);
    diff_parts(out, &t.name, &f.defined, &t.defined);
    let comments = |v: &View| -> BTreeMap<String, Option<String>> {
        v.columns
            .iter()
            .map(|c| (c.name.clone(), c.comment.clone()))
            .collect()
    };
    let (fc, tc) = (comments(f), comments(t));
    merge_maps(&fc, &tc, |col, a, b| {
        let id = ObjectId::Column {
            table: t.name.clone(),
            column: col.clone(),
        };
        comment_changes(
            out,
            &id,
            a.and_then(|c| c.as_ref()),
            b.and_then(|c| c.as_ref()),
        );
    });
    let id = super::view_id(t);
    extras(
        out,
        &id,
        Some((&f.comment, &f.grants)),
        Some((&t.comment, &t.grants)),
    );
}
