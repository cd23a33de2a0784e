//! schemadiff: declarative schema diff and safe migrations for PostgreSQL.
//!
//! The pipeline (DESIGN.md): desired SQL files are loaded into a shadow database; both it and
//! the live database are introspected into a [`model::Catalog`]; the catalogs are diffed into
//! [`diff::Change`]s, planned into ordered, phased [`plan::Step`]s with reverses, and rendered.

pub mod apply;
pub mod bookkeeping;
pub mod cli;
pub mod cluster;
pub mod connect;
pub mod ddl;
pub mod diff;
pub mod dump;
pub mod error;
pub mod generate;
pub mod graph;
pub mod introspect;
pub mod model;
pub mod plan;
pub mod render;
pub mod resolve;
pub mod source;
pub mod timing;
