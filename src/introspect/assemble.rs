//! Turning the rows of the per-kind queries into a Catalog: schemas, extensions, types,
//! sequences and functions here; tables and views (with their members) in `relations`.

use super::IntrospectError;
use super::relations;
use super::row::R;
use crate::model::{
    Catalog, CompositeAttribute, CompositeType, Domain, DomainCheck, EnumType, Extension, Function,
    FunctionId, FunctionKind, QualifiedName, Schema, Sequence,
};
use std::collections::{BTreeMap, HashMap};
use tokio_postgres::Row;

/// The result rows of every query but the dependencies (attached afterwards).
pub(super) struct Rows {
    pub schemas: Vec<Row>,
    pub extensions: Vec<Row>,
    pub enums: Vec<Row>,
    pub domains: Vec<Row>,
    pub domain_checks: Vec<Row>,
    pub composites: Vec<Row>,
    pub sequences: Vec<Row>,
    pub relations: Vec<Row>,
    pub columns: Vec<Row>,
    pub constraints: Vec<Row>,
    pub indexes: Vec<Row>,
    pub triggers: Vec<Row>,
    pub policies: Vec<Row>,
    pub functions: Vec<Row>,
}

impl Rows {
    pub(super) fn into_catalog(self) -> Result<(Catalog, relations::AttNames), IntrospectError> {
        let mut catalog = Catalog {
            schemas: schemas(&self.schemas)?,
            extensions: extensions(&self.extensions)?,
            enums: enums(&self.enums)?,
            domains: domains(&self.domains, &self.domain_checks)?,
            composites: composites(&self.composites)?,
            sequences: sequences(&self.sequences)?,
            functions: functions(&self.functions)?,
            ..Catalog::default()
        };
        let att_names = relations::build(
            &mut catalog,
            relations::RelationRows {
                relations: &self.relations,
                columns: &self.columns,
                constraints: &self.constraints,
                indexes: &self.indexes,
                triggers: &self.triggers,
                policies: &self.policies,
            },
        )?;
        Ok((catalog, att_names))
    }
}

fn schemas(rows: &[Row]) -> Result<BTreeMap<String, Schema>, IntrospectError> {
    rows.iter()
        .map(|row| {
            let r = R::new("schemas", row);
            let schema = Schema {
                name: r.get("name")?,
                comment: r.get("comment")?,
                grants: r.grants("grants")?,
            };
            Ok((schema.name.clone(), schema))
        })
        .collect()
}

fn extensions(rows: &[Row]) -> Result<BTreeMap<String, Extension>, IntrospectError> {
    rows.iter()
        .map(|row| {
            let r = R::new("extensions", row);
            let extension = Extension {
                name: r.get("name")?,
                schema: r.get("schema")?,
                version: r.get("version")?,
                comment: r.get("comment")?,
            };
            Ok((extension.name.clone(), extension))
        })
        .collect()
}

fn enums(rows: &[Row]) -> Result<BTreeMap<QualifiedName, EnumType>, IntrospectError> {
    rows.iter()
        .map(|row| {
            let r = R::new("enums", row);
            let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
            let value = EnumType {
                name: name.clone(),
                values: r.get("labels")?,
                comment: r.get("comment")?,
                grants: r.grants("grants")?,
                depends_on: Default::default(),
            };
            Ok((name, value))
        })
        .collect()
}

fn domains(
    rows: &[Row],
    check_rows: &[Row],
) -> Result<BTreeMap<QualifiedName, Domain>, IntrospectError> {
    let mut checks: HashMap<u32, BTreeMap<String, DomainCheck>> = HashMap::new();
    for row in check_rows {
        let r = R::new("domain checks", row);
        let check = DomainCheck {
            name: r.get("name")?,
            definition: r.get("definition")?,
            validated: r.get("validated")?,
            comment: r.get("comment")?,
        };
        checks
            .entry(r.get("domain_oid")?)
            .or_default()
            .insert(check.name.clone(), check);
    }
    rows.iter()
        .map(|row| {
            let r = R::new("domains", row);
            let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
            let oid: u32 = r.get("oid")?;
            let domain = Domain {
                name: name.clone(),
                base_type: r.get("base_type")?,
                collation: r.qualified("collation_schema", "collation_name")?,
                default: r.get("default_expr")?,
                not_null: r.get("not_null")?,
                checks: checks.remove(&oid).unwrap_or_default(),
                comment: r.get("comment")?,
                grants: r.grants("grants")?,
                depends_on: Default::default(),
            };
            Ok((name, domain))
        })
        .collect()
}

fn composites(rows: &[Row]) -> Result<BTreeMap<QualifiedName, CompositeType>, IntrospectError> {
    rows.iter()
        .map(|row| {
            let r = R::new("composite types", row);
            let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
            let attributes: Vec<(String, String, Option<String>, Option<String>)> =
                r.json("attributes")?;
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
        })
        .collect()
}

fn sequences(rows: &[Row]) -> Result<BTreeMap<QualifiedName, Sequence>, IntrospectError> {
    rows.iter()
        .map(|row| {
            let r = R::new("sequences", row);
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
        })
        .collect()
}

fn functions(rows: &[Row]) -> Result<BTreeMap<FunctionId, Function>, IntrospectError> {
    rows.iter()
        .map(|row| {
            let r = R::new("functions", row);
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
        })
        .collect()
}
