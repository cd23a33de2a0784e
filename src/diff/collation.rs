//! Collations. PostgreSQL can only rename a collation or change its owner: any other
//! difference of definition is a rebuild, and the planner moves the columns that use it over
//! (or refuses, naming the reason, for the domains and composite types that do).

use super::extras::comment_changes;
use super::{Change, merge_maps};
use crate::model::{Catalog, Collation, ObjectId};

pub fn diff_collations(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.collations, &to.collations, |name, f, t| {
        let id = ObjectId::Collation { name: name.clone() };
        match (f, t) {
            (None, Some(t)) => {
                out.push(Change::CreateCollation(t.clone()));
                comment_changes(out, &id, None, t.comment.as_ref());
            }
            (Some(f), None) => {
                comment_changes(out, &id, f.comment.as_ref(), None);
                out.push(Change::DropCollation(f.clone()));
            }
            (Some(f), Some(t)) => {
                if same_definition(f, t) {
                    comment_changes(out, &id, f.comment.as_ref(), t.comment.as_ref());
                } else {
                    // The rebuild sets the new comment itself (and the old one on the way back).
                    out.push(Change::RebuildCollation {
                        from: f.clone(),
                        to: t.clone(),
                    });
                }
            }
            (None, None) => {}
        }
    });
}

/// Everything but the comment (which `COMMENT ON` changes in place).
pub fn same_definition(a: &Collation, b: &Collation) -> bool {
    Collation {
        comment: None,
        ..a.clone()
    } == Collation {
        comment: None,
        ..b.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CollationProvider, QualifiedName};

    fn ci(locale: &str, comment: Option<&str>) -> Collation {
        Collation {
            name: QualifiedName::new("public", "ci"),
            provider: CollationProvider::Icu,
            locale: Some(locale.into()),
            lc_collate: None,
            lc_ctype: None,
            deterministic: false,
            comment: comment.map(Into::into),
        }
    }

    fn with(c: Option<Collation>) -> Catalog {
        let mut cat = Catalog::default();
        if let Some(c) = c {
            cat.collations.insert(c.name.clone(), c);
        }
        cat
    }

    fn kinds(from: Option<Collation>, to: Option<Collation>) -> Vec<&'static str> {
        let mut out = Vec::new();
        diff_collations(&mut out, &with(from), &with(to));
        out.iter().map(Change::kind).collect()
    }

    #[test]
    fn added_dropped_commented_and_redefined() {
        let a = ci("und-u-ks-level2", None);
        let commented = ci("und-u-ks-level2", Some("case-insensitive"));
        assert_eq!(kinds(None, Some(a.clone())), ["create-collation"]);
        assert_eq!(
            kinds(None, Some(commented.clone())),
            ["create-collation", "set-comment"]
        );
        assert_eq!(
            kinds(Some(commented.clone()), None),
            ["set-comment", "drop-collation"]
        );
        assert_eq!(kinds(Some(a.clone()), Some(a.clone())), Vec::<&str>::new());
        // A comment is changed in place.
        assert_eq!(
            kinds(Some(a.clone()), Some(commented.clone())),
            ["set-comment"]
        );
        // Any other difference is a rebuild (which sets the comment too).
        assert_eq!(
            kinds(Some(a), Some(ci("und-u-ks-level1", Some("new")))),
            ["rebuild-collation"]
        );
        let mut libc = ci("x", None);
        libc.deterministic = true;
        assert!(!same_definition(&libc, &ci("x", None)));
    }
}
