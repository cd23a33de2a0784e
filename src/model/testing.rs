//! Hand-built catalogs for pure tests (diff, plan, render), with realistic catalog text.
#![allow(dead_code)]

use super::*;

pub fn qn(n: &str) -> QualifiedName {
    QualifiedName::new("public", n)
}

pub fn col(name: &str, ty: &str) -> Column {
    Column {
        name: name.into(),
        type_name: ty.into(),
        collation: None,
        default: None,
        default_volatile: false,
        not_null: false,
        not_null_name: None,
        identity: None,
        generated: None,
        inherited: false,
        storage: None,
        compression: None,
        comment: None,
        grants: Default::default(),
        depends_on: Default::default(),
    }
}

pub fn table(name: &str, columns: Vec<Column>) -> Table {
    Table {
        name: qn(name),
        unlogged: false,
        partition_key: None,
        partition_of: None,
        inherits: vec![],
        rls_enabled: false,
        rls_forced: false,
        replica_identity: ReplicaIdentity::Default,
        options: vec![],
        access_method: None,
        columns,
        constraints: Map::new(),
        indexes: Map::new(),
        triggers: Map::new(),
        policies: Map::new(),
        defined: Map::new(),
        comment: None,
        grants: Default::default(),
        depends_on: Default::default(),
    }
}

pub fn pk(name: &str, cols: &str) -> Constraint {
    Constraint {
        name: name.into(),
        kind: ConstraintKind::PrimaryKey,
        definition: format!("PRIMARY KEY ({cols})"),
        columns: vec![cols.into()],
        validated: true,
        deferrable: false,
        initially_deferred: false,
        references: None,
        inherited: false,
        comment: None,
        depends_on: Default::default(),
    }
}

pub fn with_tables(tables: Vec<Table>) -> Catalog {
    let mut c = Catalog::default();
    for t in tables {
        c.tables.insert(t.name.clone(), t);
    }
    c
}

pub fn enum_type(values: &[&str]) -> EnumType {
    EnumType {
        name: qn("mood"),
        values: values.iter().map(|v| v.to_string()).collect(),
        comment: None,
        grants: Default::default(),
        depends_on: Default::default(),
    }
}

pub fn view(name: &str, definition: &str, columns: &[(&str, &str)], deps: Vec<ObjectId>) -> View {
    View {
        name: qn(name),
        materialized: false,
        definition: definition.into(),
        columns: columns
            .iter()
            .map(|(n, t)| ViewColumn {
                name: n.to_string(),
                type_name: t.to_string(),
                comment: None,
            })
            .collect(),
        options: vec![],
        populated: true,
        access_method: None,
        indexes: Map::new(),
        triggers: Map::new(),
        defined: Map::new(),
        comment: None,
        grants: Default::default(),
        depends_on: deps.into_iter().collect(),
    }
}

pub fn column_id(table: &str, column: &str) -> ObjectId {
    ObjectId::Column {
        table: qn(table),
        column: column.into(),
    }
}

pub fn fk(name: &str, column: &str, target: &str) -> Constraint {
    Constraint {
        name: name.into(),
        kind: ConstraintKind::ForeignKey,
        definition: format!("FOREIGN KEY ({column}) REFERENCES public.{target}(id)"),
        columns: vec![column.into()],
        validated: true,
        deferrable: false,
        initially_deferred: false,
        references: Some(qn(target)),
        inherited: false,
        comment: None,
        depends_on: Default::default(),
    }
}
