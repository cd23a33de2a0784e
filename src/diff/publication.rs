//! Publications, matched by name. `FOR ALL TABLES` cannot be altered into a list or back:
//! such a change is a drop and a create. Everything else is altered in place. A scoped plan
//! never drops a publication that has members outside its schemas.

use super::extras::comment_changes;
use super::{Change, merge_maps};
use crate::model::{Catalog, ObjectId, Publication};

pub fn diff_publications(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.publications, &to.publications, |name, f, t| {
        let id = ObjectId::Publication { name: name.clone() };
        let create = |out: &mut Vec<Change>, t: &Publication| {
            out.push(Change::CreatePublication(t.clone()));
            comment_changes(out, &id, None, t.comment.as_ref());
        };
        let drop = |out: &mut Vec<Change>, f: &Publication| {
            comment_changes(out, &id, f.comment.as_ref(), None);
            out.push(Change::DropPublication(f.clone()));
        };
        match (f, t) {
            (None, Some(t)) => create(out, t),
            // Members outside the managed schemas keep it: take out only the ones in scope.
            (Some(f), None) if f.members_outside => {
                if !f.tables.is_empty() || !f.schemas.is_empty() {
                    out.push(Change::AlterPublication {
                        from: f.clone(),
                        to: Publication {
                            tables: Vec::new(),
                            schemas: Vec::new(),
                            ..f.clone()
                        },
                    });
                }
            }
            (Some(f), None) => drop(out, f),
            (Some(f), Some(t)) if f.all_tables != t.all_tables => {
                drop(out, f);
                create(out, t);
            }
            (Some(f), Some(t)) => {
                if (&f.tables, &f.schemas, f.publish, f.via_root)
                    != (&t.tables, &t.schemas, t.publish, t.via_root)
                {
                    out.push(Change::AlterPublication {
                        from: f.clone(),
                        to: t.clone(),
                    });
                }
                comment_changes(out, &id, f.comment.as_ref(), t.comment.as_ref());
            }
            (None, None) => {}
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PublicationTable, PublishOptions, QualifiedName};

    fn p(tables: &[&str], all: bool) -> Publication {
        Publication {
            name: "feed".into(),
            all_tables: all,
            publish: PublishOptions {
                insert: true,
                update: true,
                delete: true,
                truncate: true,
            },
            via_root: false,
            tables: tables
                .iter()
                .map(|t| PublicationTable {
                    name: QualifiedName::new("public", *t),
                    columns: vec![],
                    row_filter: None,
                })
                .collect(),
            schemas: vec![],
            comment: None,
            members_outside: false,
            depends_on: Default::default(),
        }
    }

    fn kinds(from: Option<Publication>, to: Option<Publication>) -> Vec<&'static str> {
        let cat = |p: Option<Publication>| {
            let mut c = Catalog::default();
            if let Some(p) = p {
                c.publications.insert(p.name.clone(), p);
            }
            c
        };
        let mut out = Vec::new();
        diff_publications(&mut out, &cat(from), &cat(to));
        out.iter().map(Change::kind).collect()
    }

    #[test]
    fn added_dropped_altered_and_rebuilt() {
        assert_eq!(kinds(None, Some(p(&["a"], false))), ["create-publication"]);
        assert_eq!(kinds(Some(p(&["a"], false)), None), ["drop-publication"]);
        assert_eq!(
            kinds(Some(p(&["a"], false)), Some(p(&["b"], false))),
            ["alter-publication"]
        );
        assert_eq!(
            kinds(Some(p(&[], false)), Some(p(&[], true))),
            ["drop-publication", "create-publication"]
        );
        let mut commented = p(&["a"], false);
        commented.comment = Some("x".into());
        assert_eq!(
            kinds(Some(p(&["a"], false)), Some(commented)),
            ["set-comment"]
        );
    }

    #[test]
    fn a_publication_with_members_outside_the_scope_loses_only_its_own() {
        let mut shared = p(&["a", "b"], false);
        shared.members_outside = true;
        let mut out = Vec::new();
        let mut from = Catalog::default();
        from.publications
            .insert(shared.name.clone(), shared.clone());
        diff_publications(&mut out, &from, &Catalog::default());
        let [Change::AlterPublication { from: f, to: t }] = out.as_slice() else {
            panic!("one alter, no drop: {out:?}");
        };
        assert_eq!(f, &shared);
        assert!(t.tables.is_empty() && t.schemas.is_empty(), "{t:?}");
        assert_eq!((t.publish, t.via_root), (shared.publish, shared.via_root));
        // Nothing of it in scope: nothing to do.
        let mut bare = p(&[], false);
        bare.members_outside = true;
        assert!(kinds(Some(bare), None).is_empty());
    }
}
