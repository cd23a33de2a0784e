//! Dependencies: the rows of `depends.sql`, each end already mapped by the query to the
//! object the catalog knows, turned into `ObjectId`s and attached to the dependent object.

use super::IntrospectError;
use super::row::R;
use crate::model::{Catalog, FunctionId, ObjectId, QualifiedName};

/// One end of a dependency row. A column is named by its relation and attribute number
/// until the columns query's names are known.
pub(super) enum End {
    Object(ObjectId),
    Column(QualifiedName, i32),
}

/// A dependency row, decoded as it arrives: `from` depends on `to`.
pub(super) struct Edge {
    pub from: End,
    pub to: End,
}

pub(super) fn edge(r: &R<'_>) -> Result<Edge, IntrospectError> {
    Ok(Edge {
        from: end(r, "from")?,
        to: end(r, "to")?,
    })
}

/// Decode one end (`prefix` is `from` or `to`) of a dependency row.
fn end(r: &R<'_>, prefix: &str) -> Result<End, IntrospectError> {
    let col = |field: &str| format!("{prefix}_{field}");
    let kind: String = r.some(&col("kind"))?;
    let name: String = r.some(&col("name"))?;
    let qualified = || -> Result<QualifiedName, IntrospectError> {
        Ok(QualifiedName::new(
            r.some::<String>(&col("schema"))?,
            name.clone(),
        ))
    };
    let sub = || r.some::<String>(&col("sub"));
    // A column is its relation plus an attribute number (`_attnum`).
    let attnum: Option<i32> = r.get(&col("attnum"))?;
    Ok(End::Object(match kind.as_str() {
        "table" | "view" | "materialized_view" | "column" if attnum.is_some() => {
            return Ok(End::Column(qualified()?, attnum.unwrap_or_default()));
        }
        "column" => return Err(r.error(format!("{prefix} column without a number"))),
        "schema" => ObjectId::Schema { name },
        "extension" => ObjectId::Extension { name },
        "access_method" => ObjectId::AccessMethod { name },
        "collation" => ObjectId::Collation { name: qualified()? },
        "type" => ObjectId::Type { name: qualified()? },
        "sequence" => ObjectId::Sequence { name: qualified()? },
        "table" => ObjectId::Table { name: qualified()? },
        "view" => ObjectId::View { name: qualified()? },
        "materialized_view" => ObjectId::MaterializedView { name: qualified()? },
        "function" => ObjectId::Function {
            id: FunctionId {
                schema: r.some(&col("schema"))?,
                name,
                args: r.some(&col("args"))?,
            },
        },
        "index" => ObjectId::Index {
            table: qualified()?,
            name: sub()?,
        },
        "constraint" => ObjectId::Constraint {
            table: qualified()?,
            name: sub()?,
        },
        "domain_constraint" => ObjectId::DomainConstraint {
            domain: qualified()?,
            name: sub()?,
        },
        "trigger" => ObjectId::Trigger {
            table: qualified()?,
            name: sub()?,
        },
        "policy" => ObjectId::Policy {
            table: qualified()?,
            name: sub()?,
        },
        "rule" => ObjectId::Rule {
            table: qualified()?,
            name: sub()?,
        },
        "statistics" => ObjectId::Statistics {
            table: qualified()?,
            name: QualifiedName::new(r.some::<String>(&col("args"))?, sub()?),
        },
        other => return Err(r.error(format!("unexpected object kind {other:?}"))),
    }))
}

/// The `depends_on` set of the object `id` names, if the catalog has one for it. Members
/// without a set of their own (view columns, domain checks) give their owner's.
pub(super) fn depends_on_mut<'c>(
    catalog: &'c mut Catalog,
    id: &ObjectId,
) -> Option<&'c mut crate::model::Set<ObjectId>> {
    match id {
        // A collation depends on nothing but its schema, which the planner adds itself.
        ObjectId::Schema { .. }
        | ObjectId::Extension { .. }
        | ObjectId::Collation { .. }
        | ObjectId::DefaultPrivileges { .. }
        // Their dependencies come with them (publications.sql); none is in depends.sql.
        | ObjectId::Publication { .. }
        | ObjectId::EventTrigger { .. }
        // Its handler is built in (or a function named by `handler`).
        | ObjectId::AccessMethod { .. } => None,
        ObjectId::Type { name } => {
            if let Some(t) = catalog.enums.get_mut(name) {
                Some(&mut t.depends_on)
            } else if let Some(t) = catalog.domains.get_mut(name) {
                Some(&mut t.depends_on)
            } else if let Some(t) = catalog.ranges.get_mut(name) {
                Some(&mut t.depends_on)
            } else {
                catalog.composites.get_mut(name).map(|t| &mut t.depends_on)
            }
        }
        ObjectId::DomainConstraint { domain, .. } => {
            catalog.domains.get_mut(domain).map(|d| &mut d.depends_on)
        }
        ObjectId::Sequence { name } => catalog.sequences.get_mut(name).map(|s| &mut s.depends_on),
        ObjectId::Table { name } => catalog.tables.get_mut(name).map(|t| &mut t.depends_on),
        ObjectId::View { name } | ObjectId::MaterializedView { name } => {
            catalog.views.get_mut(name).map(|v| &mut v.depends_on)
        }
        ObjectId::Column { table, column } => {
            if let Some(t) = catalog.tables.get_mut(table) {
                t.columns
                    .iter_mut()
                    .find(|c| &c.name == column)
                    .map(|c| &mut c.depends_on)
            } else {
                catalog.views.get_mut(table).map(|v| &mut v.depends_on)
            }
        }
        ObjectId::Function { id } => catalog.functions.get_mut(id).map(|f| &mut f.depends_on),
        ObjectId::Index { table, name } => {
            if let Some(t) = catalog.tables.get_mut(table) {
                t.indexes.get_mut(name).map(|i| &mut i.depends_on)
            } else {
                catalog
                    .views
                    .get_mut(table)
                    .and_then(|v| v.indexes.get_mut(name))
                    .map(|i| &mut i.depends_on)
            }
        }
        ObjectId::Constraint { table, name } => catalog
            .tables
            .get_mut(table)
            .and_then(|t| t.constraints.get_mut(name))
            .map(|c| &mut c.depends_on),
        ObjectId::Trigger { table, name } => {
            if let Some(t) = catalog.tables.get_mut(table) {
                t.triggers.get_mut(name).map(|c| &mut c.depends_on)
            } else {
                catalog
                    .views
                    .get_mut(table)
                    .and_then(|v| v.triggers.get_mut(name))
                    .map(|c| &mut c.depends_on)
            }
        }
        ObjectId::Policy { table, name } => catalog
            .tables
            .get_mut(table)
            .and_then(|t| t.policies.get_mut(name))
            .map(|c| &mut c.depends_on),
        ObjectId::Statistics { .. } | ObjectId::Rule { .. } => {
            let (relation, key) = crate::model::Defined::key_of(id)?;
            let defined = match catalog.tables.get_mut(&relation) {
                Some(t) => &mut t.defined,
                None => &mut catalog.views.get_mut(&relation)?.defined,
            };
            defined.get_mut(&key).map(|d| &mut d.depends_on)
        }
    }
}
