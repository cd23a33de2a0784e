//! Decoding the rows of the per-kind queries for schemas, extensions, collations, types
//! (ranges too), sequences, functions and default privileges, each row on its own as it arrives (`build` puts it into the catalog); tables
//! and views (with their members) are in `relations`.

use super::IntrospectError;
use super::row::R;
use crate::model::{
    Collation, CollationProvider, CompositeAttribute, CompositeType, DefaultPrivileges, Domain,
    DomainCheck, EnumType, Extension, Function, FunctionId, FunctionKind, Map, QualifiedName,
    RangeType, Schema, Sequence,
};

pub(super) fn range(r: &R<'_>) -> Result<(QualifiedName, RangeType), IntrospectError> {
    let name = QualifiedName::new(r.some::<String>("schema")?, r.some::<String>("name")?);
    // PostgreSQL names the multirange after the range: "multi" before the first "range" in
    // the name, else "_multirange" appended; in the range's schema.
    let derived = match name.name.find("range") {
        Some(at) => format!("{}multi{}", &name.name[..at], &name.name[at..]),
        None => format!("{}_multirange", name.name),
    };
    let multirange = r
        .qualified("multirange_schema", "multirange_name")?
        .filter(|m| m.schema != name.schema || m.name != derived);
    let range = RangeType {
        subtype: r.some("subtype")?,
        subtype_opclass: r.qualified("opclass_schema", "opclass_name")?,
        collation: r.qualified("collation_schema", "collation_name")?,
        canonical: r.get("canonical")?,
        subtype_diff: r.get("subtype_diff")?,
        multirange,
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
        name: name.clone(),
    };
    Ok((name, range))
}

pub(super) fn default_privileges(r: &R<'_>) -> Result<DefaultPrivileges, IntrospectError> {
    Ok(DefaultPrivileges {
        role: r.some("role")?,
        schema: r.get("schema")?,
        object_type: r.some("object_type")?,
        grants: r.grants("grants")?,
        revoked: r.grants("revoked")?,
    })
}

pub(super) fn collation(r: &R<'_>) -> Result<(QualifiedName, Collation), IntrospectError> {
    let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
    let provider = match r.get::<String>("provider")?.as_str() {
        "c" => CollationProvider::Libc,
        "i" => CollationProvider::Icu,
        "b" => CollationProvider::Builtin,
        other => return Err(r.error(format!("unexpected collprovider {other:?}"))),
    };
    let value = Collation {
        name: name.clone(),
        provider,
        locale: r.get("locale")?,
        lc_collate: r.get("lc_collate")?,
        lc_ctype: r.get("lc_ctype")?,
        deterministic: r.get("deterministic")?,
        comment: r.get("comment")?,
    };
    Ok((name, value))
}

pub(super) fn schema(r: &R<'_>) -> Result<(String, Schema), IntrospectError> {
    let schema = Schema {
        name: r.get("name")?,
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
    };
    Ok((schema.name.clone(), schema))
}

pub(super) fn extension(r: &R<'_>) -> Result<(String, Extension), IntrospectError> {
    let extension = Extension {
        name: r.get("name")?,
        schema: r.get("schema")?,
        version: r.get("version")?,
        comment: r.get("comment")?,
    };
    Ok((extension.name.clone(), extension))
}

pub(super) fn enum_type(r: &R<'_>) -> Result<(QualifiedName, EnumType), IntrospectError> {
    let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
    let value = EnumType {
        name: name.clone(),
        values: r.get("labels")?,
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    };
    Ok((name, value))
}

/// A domain, by oid (its checks come from their own query).
pub(super) fn domain(r: &R<'_>) -> Result<(u32, Domain), IntrospectError> {
    let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
    let domain = Domain {
        name,
        base_type: r.get("base_type")?,
        collation: r.qualified("collation_schema", "collation_name")?,
        default: r.get("default_expr")?,
        not_null: r.get("not_null")?,
        checks: Map::new(),
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    };
    Ok((r.get("oid")?, domain))
}

/// A domain check, by its domain's oid.
pub(super) fn domain_check(r: &R<'_>) -> Result<(u32, DomainCheck), IntrospectError> {
    let check = DomainCheck {
        name: r.get("name")?,
        definition: r.get("definition")?,
        validated: r.get("validated")?,
        comment: r.get("comment")?,
    };
    Ok((r.get("domain_oid")?, check))
}

pub(super) fn composite(r: &R<'_>) -> Result<(QualifiedName, CompositeType), IntrospectError> {
    let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
    let attributes: Vec<(String, String, Option<String>, Option<String>)> = r.json("attributes")?;
    let attributes = attributes
        .into_iter()
        .map(
            |(name, type_name, coll_schema, coll_name)| CompositeAttribute {
                name,
                type_name,
                collation: coll_schema
                    .zip(coll_name)
                    .map(|(s, n)| QualifiedName::new(s, n)),
            },
        )
        .collect();
    let value = CompositeType {
        name: name.clone(),
        attributes,
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    };
    Ok((name, value))
}

pub(super) fn sequence(r: &R<'_>) -> Result<(QualifiedName, Sequence), IntrospectError> {
    let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
    let owned_by = match r.qualified("owner_schema", "owner_table")? {
        Some(table) => Some((table, r.some::<String>("owner_column")?)),
        None => None,
    };
    let sequence = Sequence {
        name: name.clone(),
        data_type: r.get("data_type")?,
        start: r.get("start")?,
        increment: r.get("increment")?,
        min_value: r.get("min_value")?,
        max_value: r.get("max_value")?,
        cache: r.get("cache")?,
        cycle: r.get("cycle")?,
        owned_by,
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    };
    Ok((name, sequence))
}

pub(super) fn function(r: &R<'_>) -> Result<(FunctionId, Function), IntrospectError> {
    let id = FunctionId {
        schema: r.get("schema")?,
        name: r.get("name")?,
        args: r.get("args")?,
    };
    let kind = match r.get::<String>("prokind")?.as_str() {
        "p" => FunctionKind::Procedure,
        "f" => FunctionKind::Function,
        "a" => FunctionKind::Aggregate,
        other => return Err(r.error(format!("unexpected prokind {other:?}"))),
    };
    let function = Function {
        id: id.clone(),
        kind,
        definition: r.get("definition")?,
        returns: r.get("returns")?,
        language: r.get("language")?,
        volatility: r.get("volatility")?,
        security_definer: r.get("security_definer")?,
        config: r.get("config")?,
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    };
    Ok((id, function))
}
