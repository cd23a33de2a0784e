//! `Step`: executable SQL with its reverse, lock, phase and hazards (DESIGN decision 3).

use crate::model::ObjectId;
use serde::Serialize;
use std::collections::BTreeSet;

/// Phases follow the locks (DESIGN decision 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Additive, compatible with the old application code.
    Expand,
    /// Data movement, batched, outside DDL transactions.
    Backfill,
    /// Validation, switches and drops, once the new code is everywhere.
    Contract,
}

/// The strongest table lock a step takes (PostgreSQL lock modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Lock {
    None,
    AccessShare,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    AccessExclusive,
}

/// Stable kebab-case hazard codes (DESIGN decision 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hazard {
    DeletesData,
    RewritesTable,
    AccessExclusiveLock,
    ScansTable,
    IndexBuild,
    BreaksOldCode,
    IrreversibleDataLoss,
}

impl Hazard {
    pub fn code(self) -> &'static str {
        match self {
            Hazard::DeletesData => "deletes-data",
            Hazard::RewritesTable => "rewrites-table",
            Hazard::AccessExclusiveLock => "access-exclusive-lock",
            Hazard::ScansTable => "scans-table",
            Hazard::IndexBuild => "index-build",
            Hazard::BreaksOldCode => "breaks-old-code",
            Hazard::IrreversibleDataLoss => "irreversible-data-loss",
        }
    }
}

/// One unit of a migration: what to run, how to undo it, and what it costs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// The object the step is about.
    pub object: ObjectId,
    /// The kind of change (`add-column`, `drop-view`, ...).
    pub kind: &'static str,
    /// Statements to run, in order, without trailing `;`. Empty when an enclosing step
    /// (a dropped table drops its indexes) already does it.
    pub sql: Vec<String>,
    /// Statements that undo `sql`, in order. Empty when the reverse of an enclosing step does it.
    pub reverse: Vec<String>,
    /// What the reverse cannot bring back (a dropped column's data).
    pub reverse_note: Option<String>,
    pub phase: Phase,
    pub lock: Lock,
    /// False when a statement may not run inside a transaction block
    /// (`CREATE INDEX CONCURRENTLY`).
    pub transactional: bool,
    pub hazards: BTreeSet<Hazard>,
    /// Old and new definition text, for a reviewer's diff (views, functions, checks, ...).
    pub definition_change: Option<(String, String)>,
}

impl Step {
    pub fn new(object: ObjectId, kind: &'static str) -> Self {
        Step {
            object,
            kind,
            sql: Vec::new(),
            reverse: Vec::new(),
            reverse_note: None,
            phase: Phase::Expand,
            lock: Lock::AccessExclusive,
            transactional: true,
            hazards: BTreeSet::new(),
            definition_change: None,
        }
    }
}
