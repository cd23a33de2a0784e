//! Constraints, indexes, triggers and policies.

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, Lock, Phase};

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
            let new_table = is_new(ctx, table);
            let online = !new_table
                && c.validated
                && matches!(c.kind, ConstraintKind::Check | ConstraintKind::ForeignKey);
            let sql = if online {
                // NOT VALID takes a brief lock; VALIDATE scans without blocking writes.
                vec![
                    ddl::constraint::add_not_valid(table, c).map_err(ddl_err)?,
                    ddl::constraint::validate(table, &c.name),
                ]
            } else {
                vec![ddl::constraint::add(table, c)]
            };
            let mut s = b
                .sql(sql)
                .reverse([ddl::constraint::drop(table, &c.name)])
                .lock(if online {
                    Lock::ShareRowExclusive
                } else {
                    Lock::AccessExclusive
                });
            if !new_table {
                s = s.hazard(Hazard::ScansTable);
                if matches!(
                    c.kind,
                    ConstraintKind::PrimaryKey | ConstraintKind::Unique | ConstraintKind::Exclude
                ) {
                    s = s
                        .hazard(Hazard::IndexBuild)
                        .hazard(Hazard::AccessExclusiveLock);
                }
            }
            let mut d = s.creating(id);
            d.foreign_key = c.kind == ConstraintKind::ForeignKey;
            vec![d]
        }
        DropConstraint {
            table,
            constraint: c,
        } => {
            let mut d = b
                .sql([ddl::constraint::drop(table, &c.name)])
                .reverse([ddl::constraint::add(table, c)])
                .lock(Lock::AccessExclusive)
                .dropping(id);
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
            vec![
                b.sql([ddl::constraint::validate(table, &c.name)])
                    .reverse([
                        ddl::constraint::drop(table, &c.name),
                        ddl::constraint::add(table, &not_valid),
                    ])
                    .lock(Lock::ShareUpdateExclusive)
                    .hazard(Hazard::ScansTable)
                    .phase(Phase::Contract)
                    .altering(id, ctx),
            ]
        }
        CreateIndex { table, index } => {
            let (create, drop, transactional) = index_sql(ctx, table, index, ddl_err)?;
            let mut s = b.sql([create]).reverse([drop]).lock(if transactional {
                Lock::Share
            } else {
                Lock::ShareUpdateExclusive
            });
            if !transactional {
                s = s.non_transactional();
            }
            if !is_new(ctx, table) {
                s = s.hazard(Hazard::IndexBuild);
            }
            vec![s.creating(id)]
        }
        DropIndex { table, index } => {
            let (create, drop, transactional) = index_sql(ctx, table, index, ddl_err)?;
            let mut s = b.sql([drop]).reverse([create]).lock(if transactional {
                Lock::AccessExclusive
            } else {
                Lock::ShareUpdateExclusive
            });
            if !transactional {
                s = s.non_transactional();
            }
            vec![s.dropping(id)]
        }
        CreateTrigger { table, trigger } => vec![
            b.sql(create_trigger_sql(table, trigger, ddl_err)?)
                .reverse([ddl::trigger::drop(table, &trigger.name)])
                .lock(Lock::ShareRowExclusive)
                .creating(id),
        ],
        DropTrigger { table, trigger } => vec![
            b.sql([ddl::trigger::drop(table, &trigger.name)])
                .reverse(create_trigger_sql(table, trigger, ddl_err)?)
                .lock(Lock::AccessExclusive)
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
                    .lock(Lock::ShareRowExclusive)
                    .altering(id, ctx),
            ]
        }
        CreatePolicy { table, policy } => vec![
            b.sql([ddl::policy::create(table, policy).map_err(ddl_err)?])
                .reverse([ddl::policy::drop(table, &policy.name)])
                .lock(Lock::AccessExclusive)
                .creating(id),
        ],
        DropPolicy { table, policy } => vec![
            b.sql([ddl::policy::drop(table, &policy.name)])
                .reverse([ddl::policy::create(table, policy).map_err(ddl_err)?])
                .lock(Lock::AccessExclusive)
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        AlterPolicy { table, from, to } => vec![
            b.sql([ddl::policy::alter(table, to)])
                .reverse([ddl::policy::alter(table, from)])
                .lock(Lock::AccessExclusive)
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

fn is_new(ctx: &Context, table: &QualifiedName) -> bool {
    ctx.created_tables.contains(&ObjectId::Table {
        name: table.clone(),
    })
}

/// Partitioned tables take no CONCURRENTLY (their index build recurses to the partitions).
fn is_partitioned(ctx: &Context, table: &QualifiedName) -> bool {
    [ctx.from, ctx.to].iter().any(|c| {
        c.tables
            .get(table)
            .is_some_and(|t| t.partition_key.is_some())
    })
}

/// Create and drop statements of an index and whether they may run in a transaction:
/// existing tables and materialized views get `CONCURRENTLY` so writes go on.
fn index_sql(
    ctx: &Context,
    table: &QualifiedName,
    index: &Index,
    ddl_err: impl Fn(ddl::DdlError) -> PlanError,
) -> Result<(String, String, bool), PlanError> {
    if is_partitioned(ctx, table) {
        // pg_get_indexdef prints `ON ONLY` for a partitioned index; creating it that way
        // would leave it invalid with no partition indexes.
        let create = ddl::index::create_recursive(index).map_err(ddl_err)?;
        Ok((create, ddl::index::drop(table, &index.name), true))
    } else if is_new(ctx, table) {
        Ok((
            ddl::index::create(index),
            ddl::index::drop(table, &index.name),
            true,
        ))
    } else {
        Ok((
            ddl::index::create_concurrently(index).map_err(ddl_err)?,
            ddl::index::drop_concurrently(table, &index.name),
            false,
        ))
    }
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
