//! schemadiff: declarative schema diff and safe migrations for PostgreSQL.
//!
//! The pipeline (see `docs/` and DESIGN.md): desired SQL files are loaded into a shadow
//! database; both it and the live database are introspected into a [`model::Catalog`];
//! the catalogs are diffed into changes, planned into ordered, phased steps with reverses,
//! and rendered or applied.

pub mod introspect;
pub mod model;
