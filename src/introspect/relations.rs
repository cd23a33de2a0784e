//! Tables and views, and the members the per-kind queries return for them (columns,
//! constraints, indexes, triggers, policies), joined by the owning relation's oid.

use super::IntrospectError;
use super::row::R;
use crate::model::{
    Column, Constraint, ConstraintKind, Defined, DefinedKind, IdentityOptions, Index, Map,
    PartitionOf, Policy, QualifiedName, ReplicaIdentity, Storage, Table, Trigger, View,
};

/// A row of the relations query: a table or a view, by oid.
pub(super) enum Relation {
    Table(u32, Table),
    View(u32, View),
}

/// A row of the columns query. The same decoding serves tables and views: a view's column
/// takes the name, type and comment.
pub(super) struct ColumnRow {
    pub table_oid: u32,
    pub attnum: i32,
    pub column: Column,
}

pub(super) fn relation(r: &R<'_>) -> Result<Relation, IntrospectError> {
    let oid: u32 = r.get("oid")?;
    let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
    match r.get::<String>("relkind")?.as_str() {
        "r" | "p" => Ok(Relation::Table(oid, table(r, name)?)),
        "v" | "m" => Ok(Relation::View(oid, view(r, name)?)),
        other => Err(r.error(format!("unexpected relkind {other:?}"))),
    }
}

pub(super) fn column(r: &R<'_>) -> Result<ColumnRow, IntrospectError> {
    Ok(ColumnRow {
        table_oid: r.get("table_oid")?,
        attnum: r.get("attnum")?,
        column: table_column(r)?,
    })
}

pub(super) fn constraint(r: &R<'_>) -> Result<(u32, Constraint), IntrospectError> {
    Ok((r.get("table_oid")?, table_constraint(r)?))
}

pub(super) fn index(r: &R<'_>) -> Result<(u32, Index), IntrospectError> {
    Ok((r.get("table_oid")?, relation_index(r)?))
}

pub(super) fn trigger(r: &R<'_>) -> Result<(u32, Trigger), IntrospectError> {
    let trigger = Trigger {
        name: r.get("name")?,
        definition: r.get("definition")?,
        enabled: r.get("enabled")?,
        comment: r.get("comment")?,
        depends_on: Default::default(),
    };
    Ok((r.get("table_oid")?, trigger))
}

/// A statistics object or a rule, by the oid of its relation.
pub(super) fn defined(r: &R<'_>) -> Result<(u32, Defined), IntrospectError> {
    let kind = match r.get::<String>("kind")?.as_str() {
        "statistics" => DefinedKind::Statistics,
        "rule" => DefinedKind::Rule,
        other => return Err(r.error(format!("unexpected kind {other:?}"))),
    };
    let defined = Defined {
        kind,
        name: QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?),
        definition: r.get("definition")?,
        target: r.get("target")?,
        comment: r.get("comment")?,
        depends_on: Default::default(),
    };
    Ok((r.get("table_oid")?, defined))
}

pub(super) fn policy(r: &R<'_>) -> Result<(u32, Policy), IntrospectError> {
    let policy = Policy {
        name: r.get("name")?,
        permissive: r.get("permissive")?,
        command: r.get("command")?,
        roles: r.get("roles")?,
        using: r.get("using_expr")?,
        with_check: r.get("with_check")?,
        comment: r.get("comment")?,
        depends_on: Default::default(),
    };
    Ok((r.get("table_oid")?, policy))
}

fn table(r: &R<'_>, name: QualifiedName) -> Result<Table, IntrospectError> {
    let mut parents: Vec<QualifiedName> = r
        .json::<Vec<(String, String)>>("parents")?
        .into_iter()
        .map(|(schema, name)| QualifiedName::new(schema, name))
        .collect();
    // A partition has exactly one pg_inherits parent: its partitioned table.
    let partition_of = if r.get::<bool>("is_partition")? {
        if parents.len() != 1 {
            return Err(r.error(format!("partition {name} has {} parents", parents.len())));
        }
        Some(PartitionOf {
            parent: parents.remove(0),
            bound: r.some("partition_bound")?,
        })
    } else {
        None
    };
    let replica_identity = match r.get::<String>("replica_identity")?.as_str() {
        "d" => ReplicaIdentity::Default,
        "n" => ReplicaIdentity::Nothing,
        "f" => ReplicaIdentity::Full,
        "i" => ReplicaIdentity::Index(r.some("replica_index")?),
        other => return Err(r.error(format!("unexpected relreplident {other:?}"))),
    };
    Ok(Table {
        name,
        unlogged: r.get("unlogged")?,
        partition_key: r.get("partition_key")?,
        partition_of,
        inherits: parents,
        rls_enabled: r.get("rls_enabled")?,
        rls_forced: r.get("rls_forced")?,
        replica_identity,
        options: r.get("options")?,
        access_method: r.get("access_method")?,
        columns: Vec::new(),
        constraints: Map::new(),
        indexes: Map::new(),
        triggers: Map::new(),
        policies: Map::new(),
        defined: Map::new(),
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    })
}

fn view(r: &R<'_>, name: QualifiedName) -> Result<View, IntrospectError> {
    let materialized = r.get::<String>("relkind")? == "m";
    Ok(View {
        name,
        materialized,
        definition: r.some("view_definition")?,
        columns: Vec::new(),
        options: r.get("options")?,
        // Plain views are always "populated"; only a materialized view can be WITH NO DATA.
        populated: r.get("populated")?,
        access_method: r.get("access_method")?,
        indexes: Map::new(),
        triggers: Map::new(),
        defined: Map::new(),
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    })
}

fn table_column(r: &R<'_>) -> Result<Column, IntrospectError> {
    let identity = match r.get::<String>("identity")?.as_str() {
        "" => None,
        kind @ ("a" | "d") => Some(IdentityOptions {
            always: kind == "a",
            data_type: r.some("seq_type")?,
            start: r.some("seqstart")?,
            increment: r.some("seqincrement")?,
            min_value: r.some("seqmin")?,
            max_value: r.some("seqmax")?,
            cache: r.some("seqcache")?,
            cycle: r.some("seqcycle")?,
            // Left out when it is the default name, once the table's name is known
            // (`build::Builder::column`).
            sequence: r.qualified("seq_schema", "seq_name")?,
        }),
        other => return Err(r.error(format!("unexpected attidentity {other:?}"))),
    };
    Ok(Column {
        name: r.get("name")?,
        type_name: r.get("type_name")?,
        collation: r.qualified("collation_schema", "collation_name")?,
        default: r.get("default_expr")?,
        default_volatile: r.get("default_volatile")?,
        not_null: r.get("not_null")?,
        not_null_name: r.get("not_null_name")?,
        identity,
        generated: r.get("generated")?,
        inherited: r.get("inherited")?,
        storage: r
            .get::<Option<String>>("storage")?
            .map(|value| -> Result<Storage, IntrospectError> {
                Ok(Storage {
                    value,
                    type_default: r.some("type_storage")?,
                })
            })
            .transpose()?,
        compression: r.get("compression")?,
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    })
}

fn table_constraint(r: &R<'_>) -> Result<Constraint, IntrospectError> {
    let kind = match r.get::<String>("contype")?.as_str() {
        "p" => ConstraintKind::PrimaryKey,
        "u" => ConstraintKind::Unique,
        "c" => ConstraintKind::Check,
        "f" => ConstraintKind::ForeignKey,
        "x" => ConstraintKind::Exclude,
        other => return Err(r.error(format!("unexpected contype {other:?}"))),
    };
    let definition: String = r.get("definition")?;
    let index_options: Option<String> = r.get("index_options")?;
    let definition = match index_options {
        Some(options) => with_index_options(&definition, kind, &options),
        None => definition,
    };
    Ok(Constraint {
        name: r.get("name")?,
        kind,
        definition,
        columns: r.get("columns")?,
        validated: r.get("validated")?,
        deferrable: r.get("deferrable")?,
        initially_deferred: r.get("initially_deferred")?,
        references: r.qualified("ref_schema", "ref_table")?,
        inherited: r.get("inherited")?,
        comment: r.get("comment")?,
        depends_on: Default::default(),
    })
}

/// A key constraint's definition with its index's storage parameters, where
/// `ADD CONSTRAINT` takes them: after the columns and INCLUDE, before an exclusion
/// constraint's `WHERE (...)` and before `DEFERRABLE` (a reserved word, so never a bare name).
pub(crate) fn with_index_options(definition: &str, kind: ConstraintKind, options: &str) -> String {
    let mut at = definition.len();
    if let Some(p) = definition.find(" DEFERRABLE") {
        at = at.min(p);
    }
    if kind == ConstraintKind::Exclude
        && let Some(p) = definition.find(" WHERE (")
    {
        at = at.min(p);
    }
    format!(
        "{} WITH ({options}){}",
        &definition[..at],
        &definition[at..]
    )
}

fn relation_index(r: &R<'_>) -> Result<Index, IntrospectError> {
    Ok(Index {
        name: r.get("name")?,
        definition: r.get("definition")?,
        unique: r.get("is_unique")?,
        method: r.get("method")?,
        valid: r.get("valid")?,
        partition_of: r.qualified("parent_schema", "parent_name")?,
        comment: r.get("comment")?,
        depends_on: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::with_index_options;
    use crate::model::ConstraintKind::{Exclude, PrimaryKey, Unique};

    #[test]
    fn key_index_options_go_where_add_constraint_takes_them() {
        let opts = "fillfactor='80'";
        assert_eq!(
            with_index_options("PRIMARY KEY (id) INCLUDE (v)", PrimaryKey, opts),
            "PRIMARY KEY (id) INCLUDE (v) WITH (fillfactor='80')"
        );
        assert_eq!(
            with_index_options(
                "UNIQUE NULLS NOT DISTINCT (a, \"deferrable\") DEFERRABLE INITIALLY DEFERRED",
                Unique,
                opts
            ),
            "UNIQUE NULLS NOT DISTINCT (a, \"deferrable\") WITH (fillfactor='80') DEFERRABLE INITIALLY DEFERRED"
        );
        assert_eq!(
            with_index_options(
                "EXCLUDE USING gist (r WITH &&) WHERE ((active IS TRUE)) DEFERRABLE",
                Exclude,
                "buffering=on"
            ),
            "EXCLUDE USING gist (r WITH &&) WITH (buffering=on) WHERE ((active IS TRUE)) DEFERRABLE"
        );
    }
}
