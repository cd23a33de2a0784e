//! Edits of the kinds in kinds.rs and table_opts.rs beyond swapping a statement for its
//! `alt` (statistics kinds, rule actions, storage, replica identity, aggregate INITCOND,
//! publication members, default privileges, event trigger tags and state: edits.rs):
//! a column's collation changed, and collations, publications, an event trigger, default
//! privileges, aggregates (with a view) and procedures added.

use super::model::*;
use super::schema::Ctx;

/// One random edit; false when it did not apply.
pub fn one(b: &mut Db, rng: &mut Rng, cx: &Ctx) -> bool {
    match rng.below(7) {
        0 | 1 => column_collation(b, rng, cx),
        2 => {
            let mut cx2 = super::edits::ctx_of(b);
            let before = cx2.collations.len();
            super::kinds::collations(b, &mut cx2, rng);
            if cx2.collations.len() == before {
                return false;
            }
            column_collation(b, rng, &cx2);
            true
        }
        3 => {
            let before = b.els.len();
            super::kinds::publication(b, cx, rng);
            b.els.len() > before
        }
        4 => {
            let before = b.els.len();
            super::kinds::event_trigger(b, cx, rng);
            b.els.len() > before
        }
        5 => default_privileges(b, rng, cx),
        _ => {
            let before = b.els.len();
            let mut cx2 = super::edits::ctx_of(b);
            if rng.chance(50) {
                super::kinds::procedure(b, &cx2, rng);
            } else {
                super::kinds::aggregate(b, &mut cx2, rng);
                let tables: Vec<String> = b
                    .els
                    .iter()
                    .filter(|e| {
                        matches!(
                            &e.kind,
                            Kind::Table {
                                part: Part::Plain,
                                ..
                            }
                        )
                    })
                    .map(|e| e.id.clone())
                    .collect();
                if let Some(t) = (!tables.is_empty()).then(|| rng.pick(&tables).clone()) {
                    super::relations::view(b, rng, &cx2, &t, false);
                }
            }
            b.els.len() > before
        }
    }
}

/// A text column's collation set, changed or taken off. Not a column a publication lists or
/// filters on (a retyped listed column is refused: publication__column_retyped_refused).
fn column_collation(b: &mut Db, rng: &mut Rng, cx: &Ctx) -> bool {
    let published = |b: &Db, id: &str| {
        b.els.iter().any(|e| {
            matches!(
                e.kind,
                Kind::Stmt {
                    tag: "publication",
                    ..
                }
            ) && e.deps.iter().any(|d| d == id)
        })
    };
    let cols: Vec<String> = b
        .els
        .iter()
        .filter(|e| {
            matches!(&e.kind, Kind::Column(c) if !e.pinned && c.generated.is_none()
                && (c.ty == "text" || c.ty.starts_with("varchar")))
                && !published(b, &e.id)
        })
        .map(|e| e.id.clone())
        .collect();
    if cols.is_empty() || cx.collations.is_empty() {
        return false;
    }
    let id = rng.pick(&cols).clone();
    let new = if rng.chance(25) {
        None
    } else {
        Some(rng.pick(&cx.collations).clone())
    };
    let e = b.els.iter_mut().find(|e| e.id == id).unwrap();
    let Kind::Column(c) = &mut e.kind else {
        return false;
    };
    if c.collate == new {
        return false;
    }
    if let Some(old) = c.collate.take() {
        e.deps.retain(|d| *d != old);
    }
    if let Some(n) = &new {
        e.deps.push(n.clone());
    }
    c.collate = new;
    true
}

/// Default privileges added first (so that what B creates later gets them, as loading
/// to.sql does).
fn default_privileges(b: &mut Db, rng: &mut Rng, cx: &Ctx) -> bool {
    let before = b.els.len();
    super::kinds::default_privileges(b, cx, rng);
    let added: Vec<El> = b.els.drain(before..).collect();
    if added.is_empty() {
        return false;
    }
    for e in added.into_iter().rev() {
        b.els.insert(0, e);
    }
    true
}
