//! Constraints, indexes, triggers and policies: the dispatch, triggers and policies here;
//! the online recipes for constraints and indexes in `constraint.rs` and `index.rs`.

use super::constraint::{add_constraint, swap_constraint, swaps_constraint, validate_draft};
use super::index::{index_sql, partitioned_index, swap_index, swaps_index};
use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode};

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    use Change::*;
    let id = change.object();
    let ddl_err = |e: ddl::DdlError| PlanError::Unsupported {
        object: id.clone(),
        reason: e.to_string(),
    };
    Ok(match change {
        AddConstraint {
            table,
            constraint: c,
        } => {
            if swaps_constraint(ctx, table, &id, c) {
                return swap_constraint(table, c, ctx, ddl_err);
            }
            add_constraint(table, c, b, ctx, ddl_err)?
        }
        DropConstraint {
            table,
            constraint: c,
        } => {
            if swaps_constraint(ctx, table, &id, c) {
                return Ok(Vec::new()); // the AddConstraint of the same name swaps it
            }
            // A guarantee goes (and with a key, `ON CONFLICT` targets and foreign keys).
            let mut s = b
                .sql([ddl::constraint::drop(table, &c.name)])
                .reverse([ddl::constraint::add(table, c)])
                .lock(LockMode::AccessExclusive)
                .hazard(Hazard::BreaksOldCode);
            if let Some(r) = &c.references {
                s = s.stmt_locks(LockMode::AccessExclusive, r);
            }
            let mut d = s.dropping(id);
            d.foreign_key = c.kind == ConstraintKind::ForeignKey;
            vec![d]
        }
        ValidateConstraint {
            table,
            constraint: c,
        } => {
            let not_valid = ctx
                .from
                .tables
                .get(table)
                .and_then(|t| t.constraints.get(&c.name))
                .cloned()
                .unwrap_or_else(|| c.clone());
            vec![validate_draft(b, table, c, &not_valid).altering(id, ctx)]
        }
        CreateIndex { table, index } => {
            if swaps_index(ctx, table, &id) {
                return swap_index(table, index, ctx, ddl_err);
            }
            if let Some(steps) = partitioned_index(table, index, b.clone_for(), ctx, &ddl_err)? {
                return Ok(vec![steps.creating(id)]);
            }
            let (create, drop, transactional) = index_sql(ctx, table, index, ddl_err)?;
            let mut s = b.sql([create]).reverse([drop]);
            if transactional {
                // DROP INDEX, the way back (not CONCURRENTLY on a partitioned table), takes
                // ACCESS EXCLUSIVE.
                s = s
                    .lock(LockMode::Share)
                    .reverse_lock(LockMode::AccessExclusive);
                if !is_new(ctx, table) {
                    s = s
                        .hazard(Hazard::IndexBuild)
                        .hazard(Hazard::LockedScan)
                        .explain(
                            "PostgreSQL cannot build an index on a partitioned table CONCURRENTLY: \
                         writes to every partition wait while it is built",
                        );
                }
            } else {
                s = s
                    .lock(LockMode::ShareUpdateExclusive)
                    .non_transactional()
                    .hazard(Hazard::IndexBuild);
            }
            vec![s.creating(id)]
        }
        DropIndex { table, index } => {
            if swaps_index(ctx, table, &id) {
                return Ok(Vec::new()); // the CreateIndex of the same name swaps it
            }
            let (create, drop, transactional) = index_sql(ctx, table, index, ddl_err)?;
            let mut s = b.sql([drop]).reverse([create]).lock(if transactional {
                LockMode::AccessExclusive
            } else {
                LockMode::ShareUpdateExclusive
            });
            if !transactional {
                s = s.non_transactional();
            } else if !is_new(ctx, table) {
                s = s.explain(
                    "PostgreSQL cannot drop an index of a partitioned table CONCURRENTLY: \
                     ACCESS EXCLUSIVE for a moment, under lock_timeout",
                );
            }
            vec![s.dropping(id)]
        }
        CreateTrigger { table, trigger } => vec![
            b.sql(create_trigger_sql(table, trigger, ddl_err)?)
                .reverse([ddl::trigger::drop(table, &trigger.name)])
                .lock(LockMode::ShareRowExclusive)
                .reverse_lock(LockMode::AccessExclusive)
                .creating(id),
        ],
        DropTrigger { table, trigger } => vec![
            b.sql([ddl::trigger::drop(table, &trigger.name)])
                .reverse(create_trigger_sql(table, trigger, ddl_err)?)
                .lock(LockMode::AccessExclusive)
                .dropping(id),
        ],
        AlterTriggerEnabled { table, from, to } => {
            let set = |t: &Trigger| -> Result<String, PlanError> {
                Ok(ddl::trigger::set_enabled(table, t)
                    .map_err(ddl_err)?
                    .unwrap_or_else(|| ddl::trigger::enable(table, &t.name)))
            };
            vec![
                b.sql([set(to)?])
                    .reverse([set(from)?])
                    .lock(LockMode::ShareRowExclusive)
                    .altering(id, ctx),
            ]
        }
        CreatePolicy { table, policy } => vec![
            b.sql([ddl::policy::create(table, policy).map_err(ddl_err)?])
                .reverse([ddl::policy::drop(table, &policy.name)])
                .lock(LockMode::AccessExclusive)
                .creating(id),
        ],
        DropPolicy { table, policy } => vec![
            b.sql([ddl::policy::drop(table, &policy.name)])
                .reverse([ddl::policy::create(table, policy).map_err(ddl_err)?])
                .lock(LockMode::AccessExclusive)
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        AlterPolicy { table, from, to } => vec![
            b.sql([ddl::policy::alter(table, to)])
                .reverse([ddl::policy::alter(table, from)])
                .lock(LockMode::AccessExclusive)
                .altering(id, ctx),
        ],
        other => {
            return Err(PlanError::Internal(format!(
                "not a table part: {}",
                other.kind()
            )));
        }
    })
}

pub(super) fn is_new(ctx: &Context, table: &QualifiedName) -> bool {
    ctx.created_tables.contains(&ObjectId::Table {
        name: table.clone(),
    })
}

/// Partitioned tables take no CONCURRENTLY (their index build recurses to the partitions).
pub(super) fn is_partitioned(ctx: &Context, table: &QualifiedName) -> bool {
    [ctx.from, ctx.to].iter().any(|c| {
        c.tables
            .get(table)
            .is_some_and(|t| t.partition_key.is_some())
    })
}

fn create_trigger_sql(
    table: &QualifiedName,
    trigger: &Trigger,
    ddl_err: impl Fn(ddl::DdlError) -> PlanError,
) -> Result<Vec<String>, PlanError> {
    let mut sql = vec![ddl::trigger::create(trigger)];
    sql.extend(ddl::trigger::set_enabled(table, trigger).map_err(ddl_err)?);
    Ok(sql)
}
