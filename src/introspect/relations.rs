//! Tables and views, and the members the per-kind queries return for them (columns,
//! constraints, indexes, triggers, policies), joined by the owning relation's oid.

use super::IntrospectError;
use super::row::R;
use crate::model::{
    Catalog, Column, Constraint, ConstraintKind, IdentityOptions, Index, PartitionOf, Policy,
    QualifiedName, ReplicaIdentity, Table, Trigger, View, ViewColumn,
};
use std::collections::{BTreeMap, HashMap};
use tokio_postgres::Row;

pub(super) struct RelationRows<'a> {
    pub relations: &'a [Row],
    pub columns: &'a [Row],
    pub constraints: &'a [Row],
    pub indexes: &'a [Row],
    pub triggers: &'a [Row],
    pub policies: &'a [Row],
}

/// Which map of the catalog a relation oid lives in.
#[derive(Clone, Copy)]
enum Place {
    Table,
    View,
}

/// Column names by relation and attribute number, for the dependency rows (which name a
/// column by number to keep pg_attribute out of that query).
pub(super) type AttNames = HashMap<(QualifiedName, i32), String>;

pub(super) fn build(
    catalog: &mut Catalog,
    rows: RelationRows<'_>,
) -> Result<AttNames, IntrospectError> {
    let mut places: HashMap<u32, (Place, QualifiedName)> = HashMap::new();
    for row in rows.relations {
        let r = R::new("tables and views", row);
        let oid: u32 = r.get("oid")?;
        let name = QualifiedName::new(r.get::<String>("schema")?, r.get::<String>("name")?);
        match r.get::<String>("relkind")?.as_str() {
            "r" | "p" => {
                catalog
                    .tables
                    .insert(name.clone(), table(&r, name.clone())?);
                places.insert(oid, (Place::Table, name));
            }
            "v" | "m" => {
                catalog.views.insert(name.clone(), view(&r, name.clone())?);
                places.insert(oid, (Place::View, name));
            }
            other => return Err(r.error(format!("unexpected relkind {other:?}"))),
        }
    }

    // Each member query returns rows for relations of the kinds above only; a row whose
    // relation is missing means the snapshot is inconsistent, which is reported, not skipped.
    let locate = |r: &R<'_>| -> Result<(Place, QualifiedName), IntrospectError> {
        let oid: u32 = r.get("table_oid")?;
        places
            .get(&oid)
            .cloned()
            .ok_or_else(|| r.error(format!("row for unknown relation oid {oid}")))
    };

    // The query leaves ordering to us (a sort of every column in the server spills to disk
    // on big databases): attribute-number order within each relation.
    let mut columns = rows
        .columns
        .iter()
        .map(|row| {
            let r = R::new("columns", row);
            Ok((r.get::<u32>("table_oid")?, r.get::<i32>("attnum")?, row))
        })
        .collect::<Result<Vec<_>, IntrospectError>>()?;
    columns.sort_unstable_by_key(|(oid, attnum, _)| (*oid, *attnum));
    let mut att_names = AttNames::with_capacity(columns.len());
    for (_, attnum, row) in columns {
        let r = R::new("columns", row);
        let (place, name) = locate(&r)?;
        att_names.insert((name.clone(), attnum), r.get("name")?);
        match place {
            Place::Table => table_mut(catalog, &name, &r)?.columns.push(column(&r)?),
            Place::View => view_mut(catalog, &name, &r)?.columns.push(ViewColumn {
                name: r.get("name")?,
                type_name: r.get("type_name")?,
                comment: r.get("comment")?,
            }),
        }
    }
    for row in rows.constraints {
        let r = R::new("constraints", row);
        let (_, name) = locate(&r)?;
        let value = constraint(&r)?;
        table_mut(catalog, &name, &r)?
            .constraints
            .insert(value.name.clone(), value);
    }
    for row in rows.indexes {
        let r = R::new("indexes", row);
        let (place, name) = locate(&r)?;
        let value = index(&r)?;
        let indexes = match place {
            Place::Table => &mut table_mut(catalog, &name, &r)?.indexes,
            Place::View => &mut view_mut(catalog, &name, &r)?.indexes,
        };
        indexes.insert(value.name.clone(), value);
    }
    for row in rows.triggers {
        let r = R::new("triggers", row);
        let (place, name) = locate(&r)?;
        let value = Trigger {
            name: r.get("name")?,
            definition: r.get("definition")?,
            enabled: r.get("enabled")?,
            comment: r.get("comment")?,
            depends_on: Default::default(),
        };
        let triggers = match place {
            Place::Table => &mut table_mut(catalog, &name, &r)?.triggers,
            Place::View => &mut view_mut(catalog, &name, &r)?.triggers,
        };
        triggers.insert(value.name.clone(), value);
    }
    for row in rows.policies {
        let r = R::new("policies", row);
        let (_, name) = locate(&r)?;
        let value = Policy {
            name: r.get("name")?,
            permissive: r.get("permissive")?,
            command: r.get("command")?,
            roles: r.get("roles")?,
            using: r.get("using_expr")?,
            with_check: r.get("with_check")?,
            comment: r.get("comment")?,
            depends_on: Default::default(),
        };
        table_mut(catalog, &name, &r)?
            .policies
            .insert(value.name.clone(), value);
    }
    Ok(att_names)
}

fn table_mut<'c>(
    catalog: &'c mut Catalog,
    name: &QualifiedName,
    r: &R<'_>,
) -> Result<&'c mut Table, IntrospectError> {
    catalog
        .tables
        .get_mut(name)
        .ok_or_else(|| r.error(format!("row for {name}, which is not a table")))
}

fn view_mut<'c>(
    catalog: &'c mut Catalog,
    name: &QualifiedName,
    r: &R<'_>,
) -> Result<&'c mut View, IntrospectError> {
    catalog
        .views
        .get_mut(name)
        .ok_or_else(|| r.error(format!("row for {name}, which is not a view")))
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
        columns: Vec::new(),
        constraints: BTreeMap::new(),
        indexes: BTreeMap::new(),
        triggers: BTreeMap::new(),
        policies: BTreeMap::new(),
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
        indexes: BTreeMap::new(),
        triggers: BTreeMap::new(),
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    })
}

fn column(r: &R<'_>) -> Result<Column, IntrospectError> {
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
        identity,
        generated: r.get("generated")?,
        inherited: r.get("inherited")?,
        comment: r.get("comment")?,
        grants: r.grants("grants")?,
        depends_on: Default::default(),
    })
}

fn constraint(r: &R<'_>) -> Result<Constraint, IntrospectError> {
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

fn index(r: &R<'_>) -> Result<Index, IntrospectError> {
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
