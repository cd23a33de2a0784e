//! The Catalog: every object schemadiff manages, read from a database by `introspect`.
//! Both sides of a diff are Catalogs read by the same code (DESIGN decision 1), so two
//! catalogs are equal exactly when the databases agree on every attribute we manage.
//!
//! Definitions that PostgreSQL can print itself (`pg_get_viewdef`, `pg_get_constraintdef`,
//! `pg_get_indexdef`, `pg_get_expr`, `format_type`, ...) are stored as the server prints them,
//! read with `search_path = ''` so every name in them is schema-qualified.

use super::ident::QualifiedName;
use super::identity::IdentityOptions;
use super::keyed::{Keyed, keyed_map};
use super::map::Map;
pub use super::privileges::{DefaultPrivileges, Grant};
use super::set::Set;
pub use super::types::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Identity of any object, used for dependencies, ordering and messages.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ObjectId {
    Schema {
        name: String,
    },
    Extension {
        name: String,
    },
    Collation {
        name: QualifiedName,
    },
    /// Enum, domain or composite type.
    Type {
        name: QualifiedName,
    },
    Sequence {
        name: QualifiedName,
    },
    Table {
        name: QualifiedName,
    },
    View {
        name: QualifiedName,
    },
    MaterializedView {
        name: QualifiedName,
    },
    Column {
        table: QualifiedName,
        column: String,
    },
    Function {
        id: FunctionId,
    },
    /// Index names are unique per schema; `table` is the table or materialized view it is on.
    Index {
        table: QualifiedName,
        name: String,
    },
    Constraint {
        table: QualifiedName,
        name: String,
    },
    DomainConstraint {
        domain: QualifiedName,
        name: String,
    },
    Trigger {
        table: QualifiedName,
        name: String,
    },
    Policy {
        table: QualifiedName,
        name: String,
    },
    /// One `ALTER DEFAULT PRIVILEGES` entry: role, schema (`None`: every schema), object type.
    DefaultPrivileges {
        role: String,
        schema: Option<String>,
        object_type: String,
    },
    /// Extended statistics: named per schema (`name`), on the table or materialized view
    /// `table`.
    Statistics {
        table: QualifiedName,
        name: QualifiedName,
    },
    /// A rule other than a view's `_RETURN`, on a table or view.
    Rule {
        table: QualifiedName,
        name: String,
    },
    /// A publication (database-wide, not in a schema).
    Publication {
        name: String,
    },
    /// An event trigger (database-wide, not in a schema).
    EventTrigger {
        name: String,
    },
    /// An access method (database-wide, not in a schema). Last, so that the `ObjectId`
    /// order of the kinds before it is as it was.
    AccessMethod {
        name: String,
    },
}

/// A function, procedure or aggregate (one name space: they share `pg_proc`) is identified
/// by schema, name and its identity argument types (`oidvectortypes(proargtypes)` read with
/// an empty search_path, e.g. `integer, public.mood`; an ordered-set aggregate's direct and
/// aggregated arguments run into one list, which its statements accept).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FunctionId {
    pub schema: String,
    pub name: String,
    pub args: String,
}

impl std::fmt::Display for FunctionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}({})",
            QualifiedName::new(self.schema.clone(), self.name.clone()),
            self.args
        )
    }
}

/// The whole managed schema of one database.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    #[serde(with = "keyed_map")]
    pub schemas: BTreeMap<String, Schema>,
    #[serde(with = "keyed_map")]
    pub extensions: BTreeMap<String, Extension>,
    /// Left out of the JSON when there are none, so that fingerprints made before
    /// collations were managed still hold.
    #[serde(
        default,
        with = "keyed_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub collations: BTreeMap<QualifiedName, Collation>,
    #[serde(with = "keyed_map")]
    pub enums: BTreeMap<QualifiedName, EnumType>,
    /// Range types (`CREATE TYPE ... AS RANGE`); left out of the JSON when there are none.
    #[serde(
        default,
        with = "keyed_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub ranges: BTreeMap<QualifiedName, RangeType>,
    #[serde(with = "keyed_map")]
    pub domains: BTreeMap<QualifiedName, Domain>,
    #[serde(with = "keyed_map")]
    pub composites: BTreeMap<QualifiedName, CompositeType>,
    #[serde(with = "keyed_map")]
    pub sequences: BTreeMap<QualifiedName, Sequence>,
    #[serde(with = "keyed_map")]
    pub tables: BTreeMap<QualifiedName, Table>,
    /// Views and materialized views (one namespace in PostgreSQL).
    #[serde(with = "keyed_map")]
    pub views: BTreeMap<QualifiedName, View>,
    #[serde(with = "keyed_map")]
    pub functions: BTreeMap<FunctionId, Function>,
    /// `ALTER DEFAULT PRIVILEGES`, sorted by (role, schema, object type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default_privileges: Vec<DefaultPrivileges>,
    /// Publications; left out of the JSON when there are none, so that fingerprints made
    /// before they were managed still hold.
    #[serde(
        default,
        with = "keyed_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub publications: BTreeMap<String, super::Publication>,
    /// Event triggers; left out of the JSON when there are none.
    #[serde(
        default,
        with = "keyed_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub event_triggers: BTreeMap<String, super::EventTrigger>,
    /// Access methods not of an extension; left out of the JSON when there are none.
    #[serde(
        default,
        with = "keyed_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub access_methods: BTreeMap<String, super::AccessMethod>,
    /// Owners other than the connecting user (`model::owner`), read only with `--owners`;
    /// left out of the JSON when empty, so catalogs and fingerprints read without the option
    /// are unchanged.
    #[serde(
        default,
        with = "keyed_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub owners: BTreeMap<ObjectId, super::Owner>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    pub name: String,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub name: String,
    pub schema: String,
    pub version: String,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    pub name: QualifiedName,
    /// `smallint`, `integer` or `bigint`.
    pub data_type: String,
    pub start: i64,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub cache: i64,
    pub cycle: bool,
    /// `OWNED BY table.column`.
    pub owned_by: Option<(QualifiedName, String)>,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
    pub depends_on: Set<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReplicaIdentity {
    Default,
    Nothing,
    Full,
    Index(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionOf {
    pub parent: QualifiedName,
    /// `pg_get_expr(relpartbound)`, e.g. `FOR VALUES FROM (1) TO (10)` or `DEFAULT`.
    pub bound: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub name: QualifiedName,
    pub unlogged: bool,
    /// `pg_get_partkeydef`, e.g. `RANGE (created_at)`, for a partitioned table.
    pub partition_key: Option<String>,
    pub partition_of: Option<PartitionOf>,
    /// Parents by classic (non-partition) inheritance, in inheritance order.
    pub inherits: Vec<QualifiedName>,
    pub rls_enabled: bool,
    pub rls_forced: bool,
    pub replica_identity: ReplicaIdentity,
    /// `reloptions`, e.g. `fillfactor=70`, sorted.
    pub options: Vec<String>,
    /// The table access method (`USING am`), when it is not `heap`: the method the table
    /// has, whatever the default was when it was made. `None` also for a partitioned table
    /// without one (before PostgreSQL 17 none can have one). Left out of the JSON when
    /// `None`, so that fingerprints made before access methods were managed still hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_method: Option<String>,
    /// In attribute-number order; diffing ignores the order.
    pub columns: Vec<Column>,
    #[serde(with = "keyed_map")]
    pub constraints: Map<String, Constraint>,
    /// Indexes that are not the implementation of a constraint.
    #[serde(with = "keyed_map")]
    pub indexes: Map<String, Index>,
    #[serde(with = "keyed_map")]
    pub triggers: Map<String, Trigger>,
    #[serde(with = "keyed_map")]
    pub policies: Map<String, Policy>,
    /// Extended statistics and rules (`model::defined`). Left out of the JSON when there are
    /// none, so that fingerprints made before they were managed still hold.
    #[serde(default, with = "keyed_map", skip_serializing_if = "Map::is_empty")]
    pub defined: Map<super::DefinedKey, super::Defined>,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
    pub depends_on: Set<ObjectId>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    /// `format_type(atttypid, atttypmod)`, e.g. `character varying(20)`, `public.mood[]`.
    pub type_name: String,
    /// Only when it differs from the type's default collation.
    pub collation: Option<QualifiedName>,
    /// `pg_get_expr(adbin)`; `None` for generated and identity columns.
    pub default: Option<String>,
    /// The default calls a volatile function (`nextval`, `gen_random_uuid()`, ...): adding
    /// the column to a table with rows rewrites it. Read from the functions the stored
    /// expression calls, so it always agrees with `default`.
    #[serde(default)]
    pub default_volatile: bool,
    pub not_null: bool,
    /// The name of the column's NOT NULL constraint (PostgreSQL 18+, where it is a
    /// `pg_constraint` row) where it is not the one PostgreSQL gives a new one
    /// ([`Column::default_not_null_name`]): a renamed table or column, or a column swapped
    /// in through a shadow column, keeps the old name, and `pg_dump` writes
    /// `CONSTRAINT name NOT NULL` for it. Absent from the JSON when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_null_name: Option<String>,
    pub identity: Option<IdentityOptions>,
    /// Expression of a `GENERATED ALWAYS AS (...) STORED` column.
    pub generated: Option<String>,
    /// True when the column comes from a parent (inheritance or partitioning) only.
    pub inherited: bool,
    /// `SET STORAGE`, only when it differs from the type's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<Storage>,
    /// `SET COMPRESSION` (`pglz`, `lz4`; PostgreSQL 14+), only when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
    pub depends_on: Set<ObjectId>,
}

impl Column {
    /// The name PostgreSQL 18 gives the NOT NULL constraint of `table.column` when none is
    /// named and nothing else holds it: `makeObjectName(table, column, "not_null")`.
    pub fn default_not_null_name(table: &QualifiedName, column: &str) -> String {
        super::identity::make_object_name(&table.name, column, "not_null")
    }

    /// The NOT NULL constraint's name on PostgreSQL 18+: the one recorded, or the default.
    pub fn not_null_constraint(&self, table: &QualifiedName) -> String {
        self.not_null_name
            .clone()
            .unwrap_or_else(|| Self::default_not_null_name(table, &self.name))
    }
}

/// A column's storage strategy (`plain`, `external`, `extended`, `main`) where it is not
/// its type's. The type's own is kept beside it: PostgreSQL 15 has no `SET STORAGE DEFAULT`,
/// so going back names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Storage {
    pub value: String,
    pub type_default: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstraintKind {
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Exclude,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    pub name: String,
    pub kind: ConstraintKind,
    /// `pg_get_constraintdef`: the whole definition (columns, NULLS NOT DISTINCT, actions,
    /// MATCH, DEFERRABLE, NO INHERIT, NOT VALID).
    pub definition: String,
    pub columns: Vec<String>,
    pub validated: bool,
    pub deferrable: bool,
    pub initially_deferred: bool,
    /// Referenced table of a foreign key.
    pub references: Option<QualifiedName>,
    /// True when inherited from a parent table and not declared locally.
    pub inherited: bool,
    pub comment: Option<String>,
    pub depends_on: Set<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: String,
    /// `pg_get_indexdef`: method, keys, expressions, opclasses, collations, ordering,
    /// INCLUDE, predicate, uniqueness, NULLS NOT DISTINCT.
    pub definition: String,
    pub unique: bool,
    pub method: String,
    /// False for an index left INVALID by a failed concurrent build.
    pub valid: bool,
    /// Parent index, for an index that is a partition of a partitioned index.
    pub partition_of: Option<QualifiedName>,
    pub comment: Option<String>,
    pub depends_on: Set<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub name: String,
    /// `pg_get_triggerdef`: timing, events, FOR EACH ROW/STATEMENT, WHEN, REFERENCING,
    /// CONSTRAINT and DEFERRABLE.
    pub definition: String,
    /// `O` origin (enabled), `D` disabled, `R` replica, `A` always.
    pub enabled: String,
    pub comment: Option<String>,
    pub depends_on: Set<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub name: String,
    pub permissive: bool,
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub command: String,
    /// Role names, sorted; `PUBLIC` for everybody.
    pub roles: Vec<String>,
    pub using: Option<String>,
    pub with_check: Option<String>,
    pub comment: Option<String>,
    pub depends_on: Set<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub name: QualifiedName,
    pub materialized: bool,
    /// `pg_get_viewdef(oid, true)`.
    pub definition: String,
    /// Output column names, in order (views can be replaced only by appending columns).
    pub columns: Vec<ViewColumn>,
    /// `reloptions`: `check_option=cascaded`, `security_barrier=true`, ..., sorted.
    pub options: Vec<String>,
    /// Materialized views only: populated (`WITH DATA`).
    pub populated: bool,
    /// Materialized views only: the table access method when it is not `heap` (as
    /// `Table::access_method`); left out of the JSON when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_method: Option<String>,
    /// Materialized views only.
    #[serde(with = "keyed_map")]
    pub indexes: Map<String, Index>,
    /// Plain views only: `INSTEAD OF` (and statement-level) triggers. Left out of the JSON
    /// when there are none, so that fingerprints made before views had triggers still hold.
    #[serde(default, with = "keyed_map", skip_serializing_if = "Map::is_empty")]
    pub triggers: Map<String, Trigger>,
    /// Extended statistics and rules (`model::defined`). Left out of the JSON when there are
    /// none, so that fingerprints made before they were managed still hold.
    #[serde(default, with = "keyed_map", skip_serializing_if = "Map::is_empty")]
    pub defined: Map<super::DefinedKey, super::Defined>,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
    pub depends_on: Set<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewColumn {
    pub name: String,
    pub type_name: String,
    pub comment: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionKind {
    Function,
    Procedure,
    /// `CREATE AGGREGATE`: its definition is built by the introspection query from
    /// `pg_aggregate` (PostgreSQL prints none), its privileges are granted `ON FUNCTION`.
    Aggregate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    pub id: FunctionId,
    pub kind: FunctionKind,
    /// `pg_get_functiondef`: the complete `CREATE OR REPLACE FUNCTION` statement; for an
    /// aggregate, `CREATE OR REPLACE AGGREGATE` built from `pg_aggregate` (`aggregates.sql`).
    pub definition: String,
    /// `pg_get_function_result`; `None` for procedures.
    pub returns: Option<String>,
    pub language: String,
    /// `i`, `s` or `v`.
    pub volatility: String,
    pub security_definer: bool,
    /// `proconfig`, e.g. `search_path=public`.
    pub config: Vec<String>,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
    pub depends_on: Set<ObjectId>,
}

impl Keyed for Schema {
    type Key = String;
    fn key(&self) -> String {
        self.name.clone()
    }
}
impl Keyed for Extension {
    type Key = String;
    fn key(&self) -> String {
        self.name.clone()
    }
}
macro_rules! keyed_by_name {
    ($($t:ty => $k:ty),* $(,)?) => {$(
        impl Keyed for $t {
            type Key = $k;
            fn key(&self) -> $k { self.name.clone() }
        }
    )*};
}
keyed_by_name!(
    Collation => QualifiedName,
    EnumType => QualifiedName,
    Domain => QualifiedName,
    CompositeType => QualifiedName,
    RangeType => QualifiedName,
    Sequence => QualifiedName,
    Table => QualifiedName,
    View => QualifiedName,
    DomainCheck => String,
    Constraint => String,
    Index => String,
    Trigger => String,
    Policy => String,
);
impl Keyed for Function {
    type Key = FunctionId;
    fn key(&self) -> FunctionId {
        self.id.clone()
    }
}

/// For messages: `table public."My Table"`, `column public.t.c`, `function public.f(integer)`.
impl std::fmt::Display for ObjectId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use super::ident::quote_ident as q;
        match self {
            ObjectId::Schema { name } => write!(f, "schema {}", q(name)),
            ObjectId::Extension { name } => write!(f, "extension {}", q(name)),
            ObjectId::Collation { name } => write!(f, "collation {name}"),
            ObjectId::Type { name } => write!(f, "type {name}"),
            ObjectId::Sequence { name } => write!(f, "sequence {name}"),
            ObjectId::Table { name } => write!(f, "table {name}"),
            ObjectId::View { name } => write!(f, "view {name}"),
            ObjectId::MaterializedView { name } => write!(f, "materialized view {name}"),
            ObjectId::Column { table, column } => write!(f, "column {table}.{}", q(column)),
            ObjectId::Function { id } => write!(f, "function {id}"),
            ObjectId::Index { table, name } => write!(f, "index {} on {table}", q(name)),
            ObjectId::Constraint { table, name } => {
                write!(f, "constraint {} on {table}", q(name))
            }
            ObjectId::DomainConstraint { domain, name } => {
                write!(f, "constraint {} on domain {domain}", q(name))
            }
            ObjectId::Trigger { table, name } => write!(f, "trigger {} on {table}", q(name)),
            ObjectId::Policy { table, name } => write!(f, "policy {} on {table}", q(name)),
            ObjectId::DefaultPrivileges {
                role,
                schema,
                object_type,
            } => {
                write!(f, "default privileges of role {} on {object_type}", q(role))?;
                match schema {
                    Some(s) => write!(f, " in schema {}", q(s)),
                    None => Ok(()),
                }
            }
            ObjectId::Statistics { table, name } => write!(f, "statistics {name} on {table}"),
            ObjectId::Rule { table, name } => write!(f, "rule {} on {table}", q(name)),
            ObjectId::Publication { name } => write!(f, "publication {}", q(name)),
            ObjectId::EventTrigger { name } => write!(f, "event trigger {}", q(name)),
            ObjectId::AccessMethod { name } => write!(f, "access method {}", q(name)),
        }
    }
}
