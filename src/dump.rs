//! `schemadiff dump`: a catalog as desired-state SQL, in dependency order.
//!
//! Loading the output into an empty database must give back the same catalog, and dumping
//! that again must give the same bytes. So only what differs from a fresh database is
//! written (the `public` schema itself, plpgsql, identity sequences, constraint indexes,
//! indexes and constraints a partition or child gets from its parent are left out), and the
//! order comes from [`crate::graph`] with a key of (kind, object, position) so that it is a
//! pure function of the catalog.

mod collect;
mod defined;
mod event_trigger;
mod publication;
mod render;
mod tables;

pub use render::{render_dump, write_split};

use crate::ddl::DdlError;
use crate::graph::{CycleError, toposort_by_key};
use crate::model::{Catalog, ObjectId};
use petgraph::graph::DiGraph;

/// What a dump statement does; decides its rank in the file and which split file it goes to.
/// Declared in load order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DumpKind {
    Schema,
    /// Extensions and access methods.
    Extension,
    /// Collations, enums, domains (and their NOT VALID checks), composites.
    Type,
    Sequence,
    /// CREATE TABLE and the column defaults / NOT NULL a child changes locally.
    Table,
    /// Views and materialized views.
    View,
    Function,
    /// Primary key, unique, check and exclusion constraints.
    Constraint,
    /// Indexes, and extended statistics.
    Index,
    ForeignKey,
    /// CREATE TRIGGER and its enabled state; CREATE RULE.
    Trigger,
    Policy,
    /// Row-level security switches, replica identity, sequence OWNED BY.
    TableOption,
    Comment,
    Grant,
    /// `ALTER DEFAULT PRIVILEGES`, last (as pg_dump does): before, they would add grants to
    /// the objects created after them.
    DefaultPrivileges,
    /// `CREATE PUBLICATION` and its comment, after the tables it names.
    Publication,
    /// `CREATE EVENT TRIGGER`, its enabled state and comment, last (as pg_dump does): one
    /// would fire on the statements that load the rest.
    EventTrigger,
}

impl DumpKind {
    pub const ALL: [DumpKind; 18] = [
        DumpKind::Schema,
        DumpKind::Extension,
        DumpKind::Type,
        DumpKind::Sequence,
        DumpKind::Table,
        DumpKind::View,
        DumpKind::Function,
        DumpKind::Constraint,
        DumpKind::Index,
        DumpKind::ForeignKey,
        DumpKind::Trigger,
        DumpKind::Policy,
        DumpKind::TableOption,
        DumpKind::Comment,
        DumpKind::Grant,
        DumpKind::DefaultPrivileges,
        DumpKind::Publication,
        DumpKind::EventTrigger,
    ];

    /// The file [`write_split`] writes this kind to; numbered in load order.
    pub fn file_name(self) -> &'static str {
        match self {
            DumpKind::Schema => "01_schemas.sql",
            DumpKind::Extension => "02_extensions.sql",
            DumpKind::Type => "03_types.sql",
            DumpKind::Sequence => "04_sequences.sql",
            DumpKind::Table => "05_tables.sql",
            DumpKind::View => "06_views.sql",
            DumpKind::Function => "07_functions.sql",
            DumpKind::Constraint => "08_constraints.sql",
            DumpKind::Index => "09_indexes.sql",
            DumpKind::ForeignKey => "10_foreign_keys.sql",
            DumpKind::Trigger => "11_triggers.sql",
            DumpKind::Policy => "12_policies.sql",
            DumpKind::TableOption => "13_table_options.sql",
            DumpKind::Comment => "14_comments.sql",
            DumpKind::Grant => "15_grants.sql",
            DumpKind::DefaultPrivileges => "16_default_privileges.sql",
            DumpKind::Publication => "17_publications.sql",
            DumpKind::EventTrigger => "18_event_triggers.sql",
        }
    }
}

/// One statement of a dump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DumpStatement {
    /// The object the statement creates or configures (a column for column-level ones).
    pub id: ObjectId,
    pub kind: DumpKind,
    /// The SQL, without the terminating `;` (the renderers add it).
    pub sql: String,
    /// Something a reader must know, rendered as a `--` comment line above the statement.
    pub note: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error(transparent)]
    Cycle(#[from] CycleError),
    #[error(transparent)]
    Ddl(#[from] DdlError),
}

/// Every statement that recreates `catalog` in an empty database, dependency-ordered.
/// Fails on a dependency cycle (reported whole) or on a definition that cannot be used.
pub fn dump(catalog: &Catalog) -> Result<Vec<DumpStatement>, DumpError> {
    let nodes = collect::collect(catalog)?;
    let mut graph = DiGraph::<collect::Node, ()>::with_capacity(nodes.nodes.len(), 0);
    let ids: Vec<_> = nodes.nodes.into_iter().map(|n| graph.add_node(n)).collect();
    for (from, to) in nodes.edges {
        graph.add_edge(ids[from], ids[to], ());
    }
    let order = toposort_by_key(
        &graph,
        |n| (n.stmt.kind, n.stmt.id.clone(), n.position),
        |n| collect::describe(&n.stmt.id),
    )?;
    Ok(order.into_iter().map(|i| graph[i].stmt.clone()).collect())
}

#[cfg(test)]
mod tests;
