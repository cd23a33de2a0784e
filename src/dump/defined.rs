//! Dump statements of extended statistics and rules (`model::Defined`): after their table or
//! view and whatever else they depend on. They take no split file of their own: statistics
//! are written with the indexes, rules with the triggers (the objects they are most like).

use super::DumpKind;
use super::collect::Builder;
use crate::ddl::{comment, defined as ddl};
use crate::model::{Defined, DefinedKey, DefinedKind, Map, QualifiedName};

/// The statistics and rules of the relation `relation` (node `owner`).
pub(super) fn defined(
    b: &mut Builder<'_>,
    relation: &QualifiedName,
    objects: &Map<DefinedKey, Defined>,
    owner: usize,
) {
    for d in objects.values() {
        let id = d.id(relation);
        let kind = match d.kind {
            DefinedKind::Statistics => DumpKind::Index,
            DefinedKind::Rule => DumpKind::Trigger,
        };
        let mut sql = ddl::create(d).into_iter();
        let k = b.create(id.clone(), kind, sql.next().unwrap_or_default());
        b.after_node(k, owner);
        b.in_schema(k, &d.name.schema);
        b.after_all(k, &d.depends_on);
        for more in sql {
            let n = b.push(id.clone(), kind, more);
            b.after_node(n, k);
        }
        let text = d.comment.as_deref();
        b.comment(id.clone(), text.map(|x| comment::on(&id, Some(x))), k);
    }
}
