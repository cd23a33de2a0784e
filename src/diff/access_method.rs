//! Access methods, matched by name. PostgreSQL alters only an access method's name and
//! owner, so any other difference (type, handler) is a drop and a create; what uses it is
//! then rebuilt around it, or refused when that is a table (`plan::rebuild`).

use super::extras::comment_changes;
use super::{Change, merge_maps};
use crate::model::{AccessMethod, Catalog, ObjectId};

pub fn diff_access_methods(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.access_methods, &to.access_methods, |name, f, t| {
        let id = ObjectId::AccessMethod { name: name.clone() };
        let create = |out: &mut Vec<Change>, t: &AccessMethod| {
            out.push(Change::CreateAccessMethod(t.clone()));
            comment_changes(out, &id, None, t.comment.as_ref());
        };
        let drop = |out: &mut Vec<Change>, f: &AccessMethod| {
            comment_changes(out, &id, f.comment.as_ref(), None);
            out.push(Change::DropAccessMethod(f.clone()));
        };
        match (f, t) {
            (None, Some(t)) => create(out, t),
            (Some(f), None) => drop(out, f),
            (Some(f), Some(t)) if (&f.kind, &f.handler) != (&t.kind, &t.handler) => {
                drop(out, f);
                create(out, t);
            }
            (Some(f), Some(t)) => {
                comment_changes(out, &id, f.comment.as_ref(), t.comment.as_ref());
            }
            (None, None) => {}
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QualifiedName;

    fn am(handler: &str, comment: Option<&str>) -> AccessMethod {
        AccessMethod {
            name: "heap2".into(),
            kind: "TABLE".into(),
            handler: QualifiedName::new("pg_catalog", handler),
            comment: comment.map(str::to_string),
        }
    }

    fn kinds(from: Option<AccessMethod>, to: Option<AccessMethod>) -> Vec<&'static str> {
        let cat = |a: Option<AccessMethod>| {
            let mut c = Catalog::default();
            if let Some(a) = a {
                c.access_methods.insert(a.name.clone(), a);
            }
            c
        };
        let mut out = Vec::new();
        diff_access_methods(&mut out, &cat(from), &cat(to));
        out.iter().map(Change::kind).collect()
    }

    #[test]
    fn a_changed_handler_is_a_drop_and_a_create() {
        let h = "heap_tableam_handler";
        assert_eq!(
            kinds(None, Some(am(h, Some("x")))),
            ["create-access-method", "set-comment"]
        );
        assert_eq!(
            kinds(Some(am(h, Some("x"))), None),
            ["set-comment", "drop-access-method"]
        );
        assert_eq!(
            kinds(Some(am(h, None)), Some(am("other_handler", None))),
            ["drop-access-method", "create-access-method"]
        );
        assert_eq!(
            kinds(Some(am(h, None)), Some(am(h, Some("x")))),
            ["set-comment"]
        );
        assert!(kinds(Some(am(h, None)), Some(am(h, None))).is_empty());
    }
}
