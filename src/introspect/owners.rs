//! Decoding `owners.sql` (`--owners` only).

use super::IntrospectError;
use super::row::R;
use crate::model::{FunctionId, ObjectId, Owner, QualifiedName};

/// One row: the object (by the `ObjectId` variant its `kind` names) and its owner.
pub(super) fn owner(r: &R<'_>) -> Result<Owner, IntrospectError> {
    let kind: String = r.some("kind")?;
    let name: String = r.some("name")?;
    let qualified = || -> Result<QualifiedName, IntrospectError> {
        Ok(QualifiedName::new(
            r.some::<String>("schema")?,
            name.clone(),
        ))
    };
    let object = match kind.as_str() {
        "schema" => ObjectId::Schema { name: name.clone() },
        "collation" => ObjectId::Collation { name: qualified()? },
        "type" => ObjectId::Type { name: qualified()? },
        "sequence" => ObjectId::Sequence { name: qualified()? },
        "table" => ObjectId::Table { name: qualified()? },
        "view" => ObjectId::View { name: qualified()? },
        "materialized_view" => ObjectId::MaterializedView { name: qualified()? },
        "function" => ObjectId::Function {
            id: FunctionId {
                schema: r.some("schema")?,
                name: name.clone(),
                args: r.some("args")?,
            },
        },
        "statistics" => ObjectId::Statistics {
            table: r
                .qualified("table_schema", "table_name")?
                .ok_or_else(|| r.error("statistics without a relation".into()))?,
            name: qualified()?,
        },
        "publication" => ObjectId::Publication { name: name.clone() },
        "event_trigger" => ObjectId::EventTrigger { name: name.clone() },
        other => return Err(r.error(format!("unknown kind {other}"))),
    };
    Ok(Owner {
        object,
        role: r.some("owner")?,
    })
}
