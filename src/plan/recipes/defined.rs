//! Extended statistics and rules (`model::Defined`): created from the server's definition in
//! expand, dropped in contract, a changed definition dropped and created (the diff's two
//! changes); a statistics target set in place.
//!
//! Locks (PostgreSQL 15, read from pg_locks inside the statement's transaction; `verify`
//! finds none stronger than claimed): CREATE STATISTICS and DROP STATISTICS take SHARE
//! UPDATE EXCLUSIVE on the table (DROP also locks the statistics object); ALTER STATISTICS
//! ... SET STATISTICS locks the statistics object only. CREATE RULE and DROP RULE take ACCESS
//! EXCLUSIVE on the relation; the tables a rule's actions write are locked ROW EXCLUSIVE
//! while it is parsed (claimed, though weaker than anything a writer waits for).

use super::{Context, Draft, StepBuilder};
use crate::ddl::defined as ddl;
use crate::diff::Change;
use crate::model::{Defined, DefinedKind, ObjectId, QualifiedName};
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode};

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    use Change::*;
    let id = change.object();
    Ok(match change {
        CreateDefined { table, object } => {
            let s = b
                .sql(ddl::create(object))
                .reverse([ddl::drop(table, object)]);
            vec![locks(s, table, object, ctx).creating(id)]
        }
        DropDefined { table, object } => {
            let mut s = b
                .sql([ddl::drop(table, object)])
                .reverse(ddl::create(object));
            if object.kind == DefinedKind::Rule {
                // Writes to the relation behave differently once the rule is gone.
                s = s.hazard(Hazard::BreaksOldCode);
            }
            vec![locks(s, table, object, ctx).dropping(id)]
        }
        AlterStatisticsTarget { from, to, .. } => vec![
            b.sql([ddl::set_target(to, to.target)])
                .reverse([ddl::set_target(from, from.target)])
                .no_lock()
                .altering(id, ctx),
        ],
        other => {
            return Err(PlanError::Internal(format!(
                "not a statistics object or rule: {}",
                other.kind()
            )));
        }
    })
}

/// The locks of creating or dropping `d` on `relation` (either way: each is the other's
/// reverse).
fn locks(s: StepBuilder, relation: &QualifiedName, d: &Defined, ctx: &Context) -> StepBuilder {
    match d.kind {
        DefinedKind::Statistics => s.lock(LockMode::ShareUpdateExclusive),
        DefinedKind::Rule => {
            let mut s = s.lock(LockMode::AccessExclusive);
            for t in other_tables(relation, d, ctx) {
                s = s.stmt_locks(LockMode::RowExclusive, &t);
            }
            s
        }
    }
}

/// Tables other than its own that a rule's actions refer to (pg_depend names the columns
/// an INSERT fills, or the whole table).
fn other_tables(relation: &QualifiedName, d: &Defined, ctx: &Context) -> Vec<QualifiedName> {
    let mut out: Vec<QualifiedName> = d
        .depends_on
        .iter()
        .filter_map(|dep| match dep {
            ObjectId::Table { name } | ObjectId::Column { table: name, .. } => Some(name),
            ObjectId::Schema { .. }
            | ObjectId::Extension { .. }
            | ObjectId::Collation { .. }
            | ObjectId::DefaultPrivileges { .. }
            | ObjectId::Publication { .. }
            | ObjectId::EventTrigger { .. }
            | ObjectId::AccessMethod { .. }
            | ObjectId::Type { .. }
            | ObjectId::Sequence { .. }
            | ObjectId::View { .. }
            | ObjectId::MaterializedView { .. }
            | ObjectId::Function { .. }
            | ObjectId::Index { .. }
            | ObjectId::Constraint { .. }
            | ObjectId::DomainConstraint { .. }
            | ObjectId::Trigger { .. }
            | ObjectId::Policy { .. }
            | ObjectId::Statistics { .. }
            | ObjectId::Rule { .. } => None,
        })
        .filter(|n| *n != relation)
        .filter(|n| ctx.from.tables.contains_key(*n) || ctx.to.tables.contains_key(*n))
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}
