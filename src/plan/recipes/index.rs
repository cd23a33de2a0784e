//! Indexes on tables that have rows, online: CONCURRENTLY, swaps of changed definitions,
//! and partitioned indexes built ON ONLY and attached partition by partition.

use super::parts::{is_new, is_partitioned};
use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode, Phase, Statement};

/// Create and drop statements of an index and whether they may run in a transaction:
/// existing tables and materialized views get `CONCURRENTLY` so writes go on.
pub(super) fn index_sql(
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

/// An index whose definition changes on a table that has rows is swapped rather than
/// dropped and created: nothing it depends on is itself taken away in this plan.
pub(super) fn swaps_index(ctx: &Context, table: &QualifiedName, id: &ObjectId) -> bool {
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
    ctx.swappable(id, table)
        && !is_partitioned(ctx, table)
        && index_of(ctx.from).is_some_and(|i| i.partition_of.is_none())
        && index_of(ctx.to).is_some_and(|i| i.partition_of.is_none())
}

/// The new definition is built concurrently under a temporary name in expand; contract drops
/// the old index concurrently and renames the new one. Reads and writes never wait for a build.
pub(super) fn swap_index(
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

/// An index on a partitioned table that has partitions with rows, without holding writes:
/// `CREATE INDEX ... ON ONLY` the parent (an empty, invalid shell), each partition's index
/// built `CONCURRENTLY`, then attached (the parent's index turns valid with the last one).
/// `None` where that does not apply: sub-partitioned or new partitions, a partition that
/// already has an index of the name, or one that the plan drops or detaches.
pub(super) fn partitioned_index(
    table: &QualifiedName,
    index: &Index,
    b: StepBuilder,
    ctx: &Context,
    ddl_err: &impl Fn(ddl::DdlError) -> PlanError,
) -> Result<Option<StepBuilder>, PlanError> {
    if is_new(ctx, table) || !is_partitioned(ctx, table) {
        return Ok(None);
    }
    // A partition the plan drops or detaches gets no index of its own here, and the ON ONLY
    // shell would stay invalid while it is attached (PostgreSQL validates it only on ATTACH).
    let leaving = ctx.from.tables.values().any(|t| {
        t.partition_of.as_ref().is_some_and(|p| p.parent == *table)
            && ctx
                .to
                .tables
                .get(&t.name)
                .and_then(|t| t.partition_of.as_ref())
                .is_none_or(|p| p.parent != *table)
    });
    if leaving {
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
