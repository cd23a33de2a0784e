//! Turning the rows of the per-kind queries into a Catalog: each row is decoded on its own as
//! it arrives (the functions here), then the records are put together: schemas, extensions, types,
//! sequences, collations and functions here; tables and views (with their members) in `relations`.

use super::IntrospectError;
use super::relations;
use super::row::R;
use crate::model::{
    Catalog, Collation, CollationProvider, CompositeAttribute, CompositeType, Constraint,
    DefaultPrivileges, Defined, Domain, DomainCheck, EnumType, Extension, Function, FunctionId,
    FunctionKind, Index, Map, Policy, QualifiedName, RangeType, Schema, Sequence, Trigger,
};
use std::collections::{BTreeMap, HashMap};

/// The decoded rows of every query but the dependencies (attached afterwards).
pub(super) struct Records {
    pub schemas: Vec<(String, Schema)>,
    pub extensions: Vec<(String, Extension)>,
    pub collations: Vec<(QualifiedName, Collation)>,
    pub enums: Vec<(QualifiedName, EnumType)>,
    pub domains: Vec<(u32, Domain)>,
    pub domain_checks: Vec<(u32, DomainCheck)>,
    pub composites: Vec<(QualifiedName, CompositeType)>,
    pub ranges: Vec<(QualifiedName, RangeType)>,
    pub sequences: Vec<(QualifiedName, Sequence)>,
    pub relations: Vec<relations::Relation>,
    pub columns: Vec<relations::ColumnRow>,
    pub constraints: Vec<(u32, Constraint)>,
    pub indexes: Vec<(u32, Index)>,
    pub triggers: Vec<(u32, Trigger)>,
    pub policies: Vec<(u32, Policy)>,
    pub defined: Vec<(u32, Defined)>,
    pub functions: Vec<(FunctionId, Function)>,
}

impl Records {
    pub(super) fn into_catalog(self) -> Result<(Catalog, relations::AttNames), IntrospectError> {
        let mut catalog = Catalog {
            schemas: self.schemas.into_iter().collect(),
            extensions: self.extensions.into_iter().collect(),
            collations: self.collations.into_iter().collect(),
            enums: self.enums.into_iter().collect(),
            domains: domains(self.domains, self.domain_checks)?,
            composites: self.composites.into_iter().collect(),
            ranges: self.ranges.into_iter().collect(),
            sequences: self.sequences.into_iter().collect(),
            functions: self.functions.into_iter().collect(),
            ..Catalog::default()
        };
        let att_names = relations::build(
            &mut catalog,
            relations::RelationRecords {
                relations: self.relations,
                columns: self.columns,
                constraints: self.constraints,
                indexes: self.indexes,
                triggers: self.triggers,
                policies: self.policies,
                defined: self.defined,
            },
        )?;
        Ok((catalog, att_names))
    }
}

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

fn domains(
    domains: Vec<(u32, Domain)>,
    checks: Vec<(u32, DomainCheck)>,
) -> Result<BTreeMap<QualifiedName, Domain>, IntrospectError> {
    let mut by_oid: HashMap<u32, Domain> = domains.into_iter().collect();
    for (oid, check) in checks {
        let domain = by_oid
            .get_mut(&oid)
            .ok_or_else(|| IntrospectError::Decode {
                query: "domain checks",
                message: format!("check {} of unknown domain oid {oid}", check.name),
            })?;
        domain.checks.insert(check.name.clone(), check);
    }
    Ok(by_oid
        .into_values()
        .map(|domain| (domain.name.clone(), domain))
        .collect())
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
