//! Types and their kin in the catalog: collations, enums, domains, range types and composite
//! types (split from `catalog.rs` by concept; `ObjectId::Type` names all but collations).

use super::catalog::{Catalog, Grant, ObjectId};
use super::ident::QualifiedName;
use super::keyed::keyed_map;
use super::map::Map;
use super::set::Set;
use serde::{Deserialize, Serialize};

/// Who implements a collation (`pg_collation.collprovider`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollationProvider {
    /// `c`: the C library's locales (`lc_collate`, `lc_ctype`).
    Libc,
    /// `i`: ICU (`locale`).
    Icu,
    /// `b` (PostgreSQL 17 and later): the built-in provider (`locale`).
    Builtin,
}

/// A user collation (`CREATE COLLATION`). Its version (`collversion`) is left out: it is the
/// library's version on the server that created it and differs between servers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collation {
    pub name: QualifiedName,
    pub provider: CollationProvider,
    /// ICU or built-in locale; `None` for libc.
    pub locale: Option<String>,
    /// libc only.
    pub lc_collate: Option<String>,
    /// libc only.
    pub lc_ctype: Option<String>,
    pub deterministic: bool,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: QualifiedName,
    /// Labels in their sort order.
    pub values: Vec<String>,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
    pub depends_on: Set<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub name: QualifiedName,
    /// `format_type` of the base type with its typmod.
    pub base_type: String,
    pub collation: Option<QualifiedName>,
    pub default: Option<String>,
    pub not_null: bool,
    #[serde(with = "keyed_map")]
    pub checks: Map<String, DomainCheck>,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
    pub depends_on: Set<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainCheck {
    pub name: String,
    /// `pg_get_constraintdef`, e.g. `CHECK (VALUE > 0)`.
    pub definition: String,
    pub validated: bool,
    pub comment: Option<String>,
}

/// `CREATE TYPE name AS RANGE (SUBTYPE = ..., ...)`. PostgreSQL cannot alter one: a changed
/// definition is a drop and a create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeType {
    pub name: QualifiedName,
    /// `format_type` of the subtype.
    pub subtype: String,
    /// Only when not the subtype's default btree operator class.
    pub subtype_opclass: Option<QualifiedName>,
    /// Only when not the subtype's default collation.
    pub collation: Option<QualifiedName>,
    /// `CANONICAL` and `SUBTYPE_DIFF` functions (`regproc` text), when set.
    pub canonical: Option<String>,
    pub subtype_diff: Option<String>,
    /// `MULTIRANGE_TYPE_NAME` (PostgreSQL 14+), only when not the name PostgreSQL derives.
    pub multirange: Option<QualifiedName>,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
    pub depends_on: Set<ObjectId>,
}

impl Catalog {
    /// Whether a type (enum, domain, composite or range) of this name is in the catalog.
    pub fn has_type(&self, name: &QualifiedName) -> bool {
        self.enums.contains_key(name)
            || self.domains.contains_key(name)
            || self.composites.contains_key(name)
            || self.ranges.contains_key(name)
    }

    /// The grants of the type of this name, whichever kind it is.
    pub fn type_grants(&self, name: &QualifiedName) -> Option<&Set<Grant>> {
        (self.enums.get(name).map(|t| &t.grants))
            .or_else(|| self.domains.get(name).map(|t| &t.grants))
            .or_else(|| self.composites.get(name).map(|t| &t.grants))
            .or_else(|| self.ranges.get(name).map(|t| &t.grants))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositeType {
    pub name: QualifiedName,
    pub attributes: Vec<CompositeAttribute>,
    pub comment: Option<String>,
    pub grants: Set<Grant>,
    pub depends_on: Set<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositeAttribute {
    pub name: String,
    pub type_name: String,
    pub collation: Option<QualifiedName>,
}
