//! Publications in a dump: after the tables and schemas they name, in a kind (and split
//! file) of their own, with their comments.

use super::DumpKind;
use super::collect::Builder;
use crate::ddl::{comment, publication};
use crate::model::ObjectId;

pub(super) fn publications(b: &mut Builder<'_>) {
    for p in b.catalog.publications.values() {
        let id = ObjectId::Publication {
            name: p.name.clone(),
        };
        let n = b.create(id.clone(), DumpKind::Publication, publication::create(p));
        b.after_all(n, &p.depends_on);
        if let Some(text) = &p.comment {
            let c = b.push(
                id.clone(),
                DumpKind::Publication,
                comment::on(&id, Some(text)),
            );
            b.after_node(c, n);
        }
    }
}
