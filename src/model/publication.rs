//! Publications (`CREATE PUBLICATION`): database-wide objects naming the tables whose
//! changes logical replication sends. Not in a schema; their members are.

use super::catalog::ObjectId;
use super::ident::QualifiedName;
use super::keyed::Keyed;
use super::set::Set;
use serde::{Deserialize, Serialize};

/// A publication, as `pg_publication` and its member catalogs hold it. The owner is not in
/// the model (no owner is).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub name: String,
    /// `FOR ALL TABLES`: no member list (and no way to alter it into one).
    pub all_tables: bool,
    /// Which operations are published (`WITH (publish = '...')`).
    pub publish: PublishOptions,
    /// `publish_via_partition_root`.
    pub via_root: bool,
    /// Member tables (`pg_publication_rel`, one per table: `ONLY`), sorted by name.
    pub tables: Vec<PublicationTable>,
    /// `FOR TABLES IN SCHEMA` (PostgreSQL 15+), sorted.
    pub schemas: Vec<String>,
    pub comment: Option<String>,
    /// A scoped plan's live side only: the publication also has members outside the managed
    /// schemas, which the model leaves out. It is then not the plan's to drop: only its
    /// members in scope are taken out. Not compared (it is a fact of the scope, not a
    /// property to converge on); absent from the JSON when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub members_outside: bool,
    /// The member tables, the columns their column lists and row filters name (PostgreSQL
    /// blocks dropping or retyping those), the member schemas.
    pub depends_on: Set<ObjectId>,
}

/// The operations a publication sends; all four by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishOptions {
    pub insert: bool,
    pub update: bool,
    pub delete: bool,
    pub truncate: bool,
}

impl PublishOptions {
    /// The value of `publish = '...'`: `insert, update, delete, truncate` or fewer.
    pub fn list(&self) -> String {
        [
            (self.insert, "insert"),
            (self.update, "update"),
            (self.delete, "delete"),
            (self.truncate, "truncate"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, what)| *what)
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// One member table of a publication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationTable {
    pub name: QualifiedName,
    /// The column list (PostgreSQL 15+), sorted by name; empty: every column.
    pub columns: Vec<String>,
    /// The row filter (`WHERE (...)`, PostgreSQL 15+), as `pg_get_expr` prints it.
    pub row_filter: Option<String>,
}

impl Publication {
    pub fn table(&self, name: &QualifiedName) -> Option<&PublicationTable> {
        self.tables.iter().find(|t| &t.name == name)
    }
}

impl Keyed for Publication {
    type Key = String;
    fn key(&self) -> String {
        self.name.clone()
    }
}
