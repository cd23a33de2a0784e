//! Constraints, indexes, triggers and policies.

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode, Phase, Statement};

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
                s = s.lock(LockMode::Share);
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
            }
            vec![s.dropping(id)]
        }
        CreateTrigger { table, trigger } => vec![
            b.sql(create_trigger_sql(table, trigger, ddl_err)?)
                .reverse([ddl::trigger::drop(table, &trigger.name)])
                .lock(LockMode::ShareRowExclusive)
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

/// A constraint on a table that has rows is added without holding a lock through a scan:
/// CHECK and FOREIGN KEY `NOT VALID` in expand and validated in contract (in a transaction of
/// its own); PRIMARY KEY and UNIQUE from an index built concurrently and then taken over with
/// `USING INDEX`. What PostgreSQL does not allow that way is added plainly and flagged.
fn add_constraint(
    table: &QualifiedName,
    c: &Constraint,
    b: StepBuilder,
    ctx: &Context,
    ddl_err: impl Fn(ddl::DdlError) -> PlanError,
) -> Result<Vec<Draft>, PlanError> {
    let id = ObjectId::Constraint {
        table: table.clone(),
        name: c.name.clone(),
    };
    let fk = c.kind == ConstraintKind::ForeignKey;
    let plain = |b: StepBuilder| {
        let mut s = b
            .sql([ddl::constraint::add(table, c)])
            .reverse([ddl::constraint::drop(table, &c.name)])
            .lock(if fk {
                LockMode::ShareRowExclusive
            } else {
                LockMode::AccessExclusive
            });
        if let Some(r) = &c.references {
            s = s.stmt_locks(LockMode::ShareRowExclusive, r);
        }
        s
    };
    let finish = |s: StepBuilder| {
        let mut d = s.creating(id.clone());
        d.foreign_key = fk;
        d
    };
    if is_new(ctx, table) {
        return Ok(vec![finish(plain(b))]);
    }
    let partitioned = is_partitioned(ctx, table);
    match c.kind {
        ConstraintKind::Check | ConstraintKind::ForeignKey
            if c.validated && !(fk && partitioned) =>
        {
            // NOT VALID takes its lock only for a moment; VALIDATE scans under SHARE UPDATE
            // EXCLUSIVE, which does not block writes, in a later transaction.
            let mut add = b
                .sql([ddl::constraint::add_not_valid(table, c).map_err(&ddl_err)?])
                .reverse([ddl::constraint::drop(table, &c.name)])
                .lock(if fk {
                    LockMode::ShareRowExclusive
                } else {
                    LockMode::AccessExclusive
                });
            if let Some(r) = &c.references {
                add = add.stmt_locks(LockMode::ShareRowExclusive, r);
            }
            let not_valid = Constraint {
                validated: false,
                ..c.clone()
            };
            let validate = validate_draft(
                StepBuilder::new(id.clone(), "validate-constraint"),
                table,
                c,
                &not_valid,
            );
            let mut validate = validate.draft();
            validate.after_create_of.push(id.clone());
            Ok(vec![finish(add), validate])
        }
        ConstraintKind::PrimaryKey | ConstraintKind::Unique if !partitioned => {
            let Some(u) = ddl::constraint::using_index(table, c) else {
                return Ok(vec![finish(locked_add(plain(b), c))]);
            };
            // The index is built first, concurrently; the constraint takes it over in a brief
            // ACCESS EXCLUSIVE (for a primary key, after its columns are NOT NULL).
            let index_id = ObjectId::Index {
                table: table.clone(),
                name: c.name.clone(),
            };
            let mut build = StepBuilder::new(index_id.clone(), "create-index")
                .stmt(
                    Statement::new(u.create_index)
                        .non_transactional()
                        .lock(LockMode::ShareUpdateExclusive, table)
                        .hazard(Hazard::IndexBuild),
                )
                .reverse_stmt(
                    Statement::new(ddl::index::drop_concurrently_if_exists(table, &c.name))
                        .non_transactional()
                        .lock(LockMode::ShareUpdateExclusive, table),
                )
                .draft();
            // The index's name is taken now: whatever frees it goes first.
            build.creates.push(index_id);
            build
                .after_create_of
                .extend(ctx.to_deps.deps_of(&id).cloned());
            let attach = b
                .sql([u.add_constraint])
                .reverse([ddl::constraint::drop(table, &c.name)])
                .lock(LockMode::AccessExclusive);
            Ok(vec![build, finish(attach)])
        }
        _ => {
            let mut s = plain(b);
            if partitioned && fk {
                s = s.explain(
                    "PostgreSQL does not accept NOT VALID foreign keys on partitioned tables: \
                     the rows are checked while writes wait",
                );
            }
            if c.validated || !matches!(c.kind, ConstraintKind::Check | ConstraintKind::ForeignKey)
            {
                s = locked_add(s, c);
            }
            Ok(vec![finish(s)])
        }
    }
}

/// The hazards of adding a constraint the plain way on a table with rows.
fn locked_add(mut s: StepBuilder, c: &Constraint) -> StepBuilder {
    s = s.hazard(Hazard::LockedScan);
    if matches!(
        c.kind,
        ConstraintKind::PrimaryKey | ConstraintKind::Unique | ConstraintKind::Exclude
    ) {
        s = s.hazard(Hazard::IndexBuild);
    }
    s
}

/// `VALIDATE CONSTRAINT`, undone by taking the constraint back to its NOT VALID form.
fn validate_draft(
    b: StepBuilder,
    table: &QualifiedName,
    c: &Constraint,
    not_valid: &Constraint,
) -> StepBuilder {
    let mut s = b
        .sql([ddl::constraint::validate(table, &c.name)])
        .reverse([
            ddl::constraint::drop(table, &c.name),
            ddl::constraint::add(table, not_valid),
        ])
        .lock(LockMode::ShareUpdateExclusive)
        .hazard(Hazard::ScansTable)
        .phase(Phase::Contract);
    if let Some(r) = &c.references {
        s = s.stmt_locks(LockMode::RowShare, r);
    }
    s
}

/// An index whose definition changes on a table that has rows is swapped rather than
/// dropped and created: nothing it depends on is itself taken away in this plan.
fn swaps_index(ctx: &Context, table: &QualifiedName, id: &ObjectId) -> bool {
    let index_of = |c: &Catalog| {
        c.tables
            .get(table)
            .and_then(|t| {
                t.indexes.get(match id {
                    ObjectId::Index { name, .. } => name,
                    _ => return None,
                })
            })
            .cloned()
    };
    ctx.recreated.contains(id)
        && !is_new(ctx, table)
        && !is_partitioned(ctx, table)
        && index_of(ctx.from).is_some_and(|i| i.partition_of.is_none())
        && index_of(ctx.to).is_some_and(|i| i.partition_of.is_none())
        && !ctx
            .from_deps
            .deps_of(id)
            .chain(ctx.to_deps.deps_of(id))
            .any(|d| ctx.recreated.contains(d))
        && ctx.from_deps.dependents_of(id).next().is_none()
}

/// The new definition is built concurrently under a temporary name in expand; contract drops
/// the old index concurrently and renames the new one. Reads and writes never wait for a build.
fn swap_index(
    table: &QualifiedName,
    index: &Index,
    ctx: &Context,
    ddl_err: impl Fn(ddl::DdlError) -> PlanError,
) -> Result<Vec<Draft>, PlanError> {
    let id = ObjectId::Index {
        table: table.clone(),
        name: index.name.clone(),
    };
    let old = ctx
        .from
        .tables
        .get(table)
        .and_then(|t| t.indexes.get(&index.name))
        .ok_or_else(|| PlanError::Internal(format!("{id}: no old index to swap")))?;
    let temp = ddl::temp_name(&index.name, "new");
    let temp_id = ObjectId::Index {
        table: table.clone(),
        name: temp.clone(),
    };
    let sue = |sql: String| {
        Statement::new(sql)
            .non_transactional()
            .lock(LockMode::ShareUpdateExclusive, table)
    };
    let rename = |from: &str, to: &str| {
        Statement::new(ddl::index::rename(table, from, to))
            .lock(LockMode::ShareUpdateExclusive, &ddl::sibling(table, from))
    };
    let mut build = StepBuilder::new(id.clone(), "create-index")
        .stmt(
            sue(ddl::index::create_concurrently_as(index, &temp).map_err(&ddl_err)?)
                .hazard(Hazard::IndexBuild),
        )
        .reverse_stmt(sue(ddl::index::drop_concurrently_if_exists(table, &temp)))
        .explain(format!(
            "built as {} beside the old definition; contract swaps it in",
            crate::model::quote_ident(&temp)
        ))
        .draft();
    build.creates.push(temp_id);
    build
        .after_create_of
        .extend(ctx.to_deps.deps_of(&id).cloned());
    let mut swap = StepBuilder::new(id.clone(), "swap-index")
        .stmt(sue(ddl::index::drop_concurrently(table, &index.name)))
        .stmt(rename(&temp, &index.name))
        .reverse_stmt(rename(&index.name, &temp))
        .reverse_stmt(
            sue(ddl::index::create_concurrently(old).map_err(&ddl_err)?).hazard(Hazard::IndexBuild),
        )
        .definitions(&old.definition, &index.definition)
        .phase(Phase::Contract)
        .draft();
    swap.drops.push(id.clone());
    swap.creates.push(id);
    Ok(vec![build, swap])
}

/// A CHECK or FOREIGN KEY whose definition changes on a table that has rows is swapped
/// rather than dropped and added: the old one keeps guarding the rows until the new one is
/// validated. Only when nothing it depends on is itself taken away in this plan, and nothing
/// depends on it.
fn swaps_constraint(ctx: &Context, table: &QualifiedName, id: &ObjectId, c: &Constraint) -> bool {
    let kind_of = |cat: &Catalog| {
        cat.tables
            .get(table)
            .and_then(|t| t.constraints.get(&c.name))
            .map(|k| (k.kind, k.validated, k.inherited))
    };
    let fk = c.kind == ConstraintKind::ForeignKey;
    let swappable = |k: Option<(ConstraintKind, bool, bool)>| {
        k.is_some_and(|(kind, validated, inherited)| kind == c.kind && validated && !inherited)
    };
    matches!(c.kind, ConstraintKind::Check | ConstraintKind::ForeignKey)
        && ctx.recreated.contains(id)
        && !is_new(ctx, table)
        && !(fk && is_partitioned(ctx, table))
        && swappable(kind_of(ctx.from))
        && swappable(kind_of(ctx.to))
        && !ctx
            .from_deps
            .deps_of(id)
            .chain(ctx.to_deps.deps_of(id))
            .any(|d| ctx.recreated.contains(d))
        && ctx.from_deps.dependents_of(id).next().is_none()
}

/// Expand adds the new definition `NOT VALID` under a temporary name; contract validates it
/// (writes go on), then drops the old constraint and renames the new one, in one short
/// transaction. The rows are guarded by one definition or the other all along.
fn swap_constraint(
    table: &QualifiedName,
    c: &Constraint,
    ctx: &Context,
    ddl_err: impl Fn(ddl::DdlError) -> PlanError,
) -> Result<Vec<Draft>, PlanError> {
    let id = ObjectId::Constraint {
        table: table.clone(),
        name: c.name.clone(),
    };
    let old = ctx
        .from
        .tables
        .get(table)
        .and_then(|t| t.constraints.get(&c.name))
        .ok_or_else(|| PlanError::Internal(format!("{id}: no old constraint to swap")))?;
    let temp = ddl::temp_name(&c.name, "new");
    let temp_c = Constraint {
        name: temp.clone(),
        ..c.clone()
    };
    let fk = c.kind == ConstraintKind::ForeignKey;
    let with_locks = |mut s: Statement, mode: LockMode, referenced: LockMode| {
        s = s.lock(mode, table);
        if let Some(r) = &c.references {
            s = s.lock(referenced, r);
        }
        s
    };
    let add_mode = if fk {
        LockMode::ShareRowExclusive
    } else {
        LockMode::AccessExclusive
    };
    let add_temp = || {
        ddl::constraint::add_not_valid(table, &temp_c)
            .map(|sql| with_locks(Statement::new(sql), add_mode, LockMode::ShareRowExclusive))
    };
    let drop_temp = || {
        with_locks(
            Statement::new(ddl::constraint::drop(table, &temp)),
            LockMode::AccessExclusive,
            LockMode::AccessExclusive,
        )
    };
    let mut add = StepBuilder::new(id.clone(), "add-constraint")
        .stmt(add_temp().map_err(&ddl_err)?)
        .reverse_stmt(drop_temp())
        .explain(format!(
            "added as {} beside the old definition; contract validates it and swaps it in",
            quote_ident(&temp)
        ))
        .draft();
    add.after_create_of
        .extend(ctx.to_deps.deps_of(&id).cloned());
    add.foreign_key = fk;
    let mut validate = StepBuilder::new(id.clone(), "validate-constraint")
        .stmt(
            with_locks(
                Statement::new(ddl::constraint::validate(table, &temp)),
                LockMode::ShareUpdateExclusive,
                LockMode::RowShare,
            )
            .hazard(Hazard::ScansTable),
        )
        .reverse_stmt(drop_temp())
        .reverse_stmt(add_temp().map_err(&ddl_err)?)
        .phase(Phase::Contract)
        .draft();
    validate.foreign_key = fk;
    let rename = |from: &str, to: &str| {
        with_locks(
            Statement::new(ddl::constraint::rename(table, from, to)),
            LockMode::AccessExclusive,
            LockMode::AccessExclusive,
        )
    };
    // The new definition may refuse writes the old code makes (or act differently on
    // delete): what a changed constraint means for old code is the team's call.
    let mut swap = StepBuilder::new(id.clone(), "swap-constraint")
        .stmt(
            with_locks(
                Statement::new(ddl::constraint::drop(table, &c.name)),
                LockMode::AccessExclusive,
                LockMode::AccessExclusive,
            )
            .hazard(Hazard::BreaksOldCode),
        )
        .stmt(rename(&temp, &c.name).hazard(Hazard::BreaksOldCode))
        .reverse_stmt(rename(&c.name, &temp))
        .reverse_stmt(
            with_locks(
                Statement::new(ddl::constraint::add(table, old)),
                add_mode,
                LockMode::ShareRowExclusive,
            )
            .hazard(Hazard::LockedScan),
        )
        .definitions(&old.definition, &c.definition)
        .phase(Phase::Contract)
        .draft();
    swap.drops.push(id.clone());
    swap.creates.push(id);
    swap.foreign_key = fk;
    Ok(vec![add, validate, swap])
}

/// An index on a partitioned table that has partitions with rows, without holding writes:
/// `CREATE INDEX ... ON ONLY` the parent (an empty, invalid shell), each partition's index
/// built `CONCURRENTLY`, then attached (the parent's index turns valid with the last one).
/// `None` where that does not apply: sub-partitioned or new partitions, or a partition that
/// already has an index of the name.
fn partitioned_index(
    table: &QualifiedName,
    index: &Index,
    b: StepBuilder,
    ctx: &Context,
    ddl_err: &impl Fn(ddl::DdlError) -> PlanError,
) -> Result<Option<StepBuilder>, PlanError> {
    if is_new(ctx, table) || !is_partitioned(ctx, table) {
        return Ok(None);
    }
    let parent = ddl::sibling(table, &index.name);
    let mut children = Vec::new();
    for t in ctx.to.tables.values() {
        for i in t.indexes.values() {
            if i.partition_of.as_ref() != Some(&parent) {
                continue;
            }
            let existing = ctx.from.tables.get(&t.name);
            let usable = t.partition_key.is_none()
                && !is_new(ctx, &t.name)
                && existing.is_some_and(|e| !e.indexes.contains_key(&i.name));
            if !usable {
                return Ok(None);
            }
            children.push((t, i));
        }
    }
    let sue = |sql: String, rel: &QualifiedName| {
        Statement::new(sql).lock(LockMode::ShareUpdateExclusive, rel)
    };
    let mut b = b.stmt(Statement::new(ddl::index::create(index)).lock(LockMode::Share, table));
    for (t, i) in &children {
        b = b
            .stmt(
                sue(
                    ddl::index::create_concurrently(i).map_err(ddl_err)?,
                    &t.name,
                )
                .non_transactional()
                .hazard(Hazard::IndexBuild),
            )
            .stmt(
                sue(
                    ddl::index::attach_partition(&parent, &t.name, &i.name),
                    &t.name,
                )
                .lock(LockMode::ShareUpdateExclusive, table),
            );
    }
    Ok(Some(
        b.reverse_stmt(
            Statement::new(ddl::index::drop(table, &index.name))
                .lock(LockMode::AccessExclusive, table),
        )
        .explain(format!(
            "built ON ONLY {table}, then concurrently on each of its {} partitions and attached",
            children.len()
        )),
    ))
}
