//! Tables: create, drop, table-level properties, partitions.

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode, Phase};

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    use Change::*;
    let id = change.object();
    Ok(match change {
        CreateTable(t) => {
            // A partition or child takes its columns from its parents: the defaults and NOT
            // NULL it declares itself follow the CREATE (as in a dump).
            let parents: Vec<&Table> = t
                .partition_of
                .iter()
                .map(|p| &p.parent)
                .chain(&t.inherits)
                .filter_map(|p| ctx.to.tables.get(p))
                .collect();
            let mut b = b
                .sql(
                    std::iter::once(ddl::table::create_among(t, &parents))
                        .chain(ddl::table::inherited_column_alters(t, &parents)),
                )
                .reverse([ddl::table::drop(&t.name)])
                .no_lock()
                .reverse_lock(LockMode::AccessExclusive);
            // CREATE TABLE ... PARTITION OF (and dropping it again) takes ACCESS EXCLUSIVE on
            // the parent (measured by `verify`).
            if let Some(p) = &t.partition_of {
                b = b.stmt_locks(LockMode::AccessExclusive, &p.parent);
            }
            let mut d = b.creating(id);
            d.creates.extend(columns(t));
            d.creates.extend(identity_sequences(t));
            vec![d]
        }
        DropTable(t) => {
            if let Some(mut d) = super::backup::drop_table_to_backup(t, ctx) {
                d.drops.extend(columns(t));
                d.drops.extend(identity_sequences(t));
                return Ok(vec![d]);
            }
            let mut b = b;
            if let Some(p) = &t.partition_of {
                b = b.stmt_locks(LockMode::AccessExclusive, &p.parent);
            }
            // The way back creates it as CreateTable does: with the defaults and NOT NULL a
            // partition or child declares itself.
            let parents: Vec<&Table> = t
                .partition_of
                .iter()
                .map(|p| &p.parent)
                .chain(&t.inherits)
                .filter_map(|p| ctx.from.tables.get(p))
                .collect();
            let mut d = b
                .sql([ddl::table::drop(&t.name)])
                .reverse(
                    std::iter::once(ddl::table::create_among(t, &parents))
                        .chain(ddl::table::inherited_column_alters(t, &parents)),
                )
                .hazard(Hazard::DeletesData)
                .hazard(Hazard::BreaksOldCode)
                .note(format!("the rows of {} are not restored", t.name))
                .dropping(id);
            d.drops.extend(columns(t));
            d.drops.extend(identity_sequences(t));
            vec![d]
        }
        AlterTable { from, to } => {
            let rewrites = from.unlogged != to.unlogged;
            let mut s = b
                .sql(alter_table_sql(from, to))
                .reverse(alter_table_sql(to, from))
                .lock(LockMode::AccessExclusive);
            // [NO] INHERIT locks the parent too.
            for p in from.inherits.iter().chain(&to.inherits) {
                if from.inherits.contains(p) != to.inherits.contains(p) {
                    s = s.stmt_locks(LockMode::AccessExclusive, p);
                }
            }
            if rewrites {
                s = s.hazard(Hazard::RewritesTable);
            }
            let mut d = s.altering(id.clone(), ctx);
            // Only a change of persistence is what others wait for (below); otherwise
            // claiming to create the table would put everything on it (an index that
            // REPLICA IDENTITY then uses) after this step, in a cycle.
            if from.unlogged == to.unlogged {
                d.creates.retain(|c| *c != id);
                d.after_create_of.push(id.clone());
            }
            // A logged table cannot reference an unlogged one: a table turns logged after the
            // tables it references do, and unlogged before they do.
            if from.unlogged != to.unlogged {
                let referenced: Vec<ObjectId> = ctx
                    .to
                    .tables
                    .get(&to.name)
                    .into_iter()
                    .flat_map(|t| t.constraints.values())
                    .filter_map(|c| c.references.clone())
                    .filter(|r| *r != to.name)
                    .map(|name| ObjectId::Table { name })
                    .collect();
                if to.unlogged {
                    d.before_create_of.extend(referenced);
                } else {
                    d.after_create_of.extend(referenced);
                }
            }
            // REPLICA IDENTITY USING INDEX needs the index; it must go before the index does.
            // The index of a primary key or unique constraint comes and goes with the
            // constraint (`from` and `to` are bare: the catalogs know the constraints).
            if let ReplicaIdentity::Index(i) = &to.replica_identity {
                d.after_create_of.push(index_or_key(ctx.to, &to.name, i));
            }
            if let ReplicaIdentity::Index(i) = &from.replica_identity {
                d.before_drop_of.push(index_or_key(ctx.from, &from.name, i));
            }
            vec![d]
        }
        AttachPartition { table, partition } => {
            let mut d = b
                .sql([ddl::table::attach_partition(table, partition)])
                .reverse([ddl::table::detach_partition(
                    &partition.parent,
                    table,
                    false,
                )])
                // The partition is locked and scanned (unless a valid CHECK proves the
                // bound); the parent only takes SHARE UPDATE EXCLUSIVE. DETACH, the way
                // back, takes ACCESS EXCLUSIVE on both.
                .lock(LockMode::AccessExclusive)
                .stmt_locks(LockMode::ShareUpdateExclusive, &partition.parent)
                .reverse_lock(LockMode::AccessExclusive)
                .hazard(Hazard::LockedScan)
                .altering(id, ctx);
            d.after_create_of.push(ObjectId::Table {
                name: partition.parent.clone(),
            });
            vec![d]
        }
        DetachPartition { table, partition } => {
            let mut s = b
                .sql([ddl::table::detach_partition(
                    &partition.parent,
                    table,
                    false,
                )])
                .reverse([ddl::table::attach_partition(table, partition)])
                .lock(LockMode::AccessExclusive)
                .stmt_locks(LockMode::AccessExclusive, &partition.parent)
                .hazard(Hazard::BreaksOldCode);
            // Detached for good: contract. Detached to be attached again (a new bound, another
            // parent): it goes first, in the attach's phase.
            let reattached = ctx
                .to
                .tables
                .get(table)
                .is_some_and(|t| t.partition_of.is_some());
            if !reattached {
                s = s.phase(Phase::Contract);
            }
            let mut d = s.altering(id, ctx);
            d.before_drop_of.push(ObjectId::Table {
                name: partition.parent.clone(),
            });
            vec![d]
        }
        other => {
            return Err(PlanError::Internal(format!(
                "not a table change: {}",
                other.kind()
            )));
        }
    })
}

fn columns(t: &Table) -> impl Iterator<Item = ObjectId> + '_ {
    t.columns.iter().map(|c| ObjectId::Column {
        table: t.name.clone(),
        column: c.name.clone(),
    })
}

/// The constraint named `name` on `table` if `catalog` has one (its index is the
/// constraint's), else the index.
fn index_or_key(catalog: &Catalog, table: &QualifiedName, name: &str) -> ObjectId {
    if catalog
        .tables
        .get(table)
        .is_some_and(|t| t.constraints.contains_key(name))
    {
        ObjectId::Constraint {
            table: table.clone(),
            name: name.to_string(),
        }
    } else {
        index_id(table, name)
    }
}

fn index_id(table: &QualifiedName, name: &str) -> ObjectId {
    ObjectId::Index {
        table: table.clone(),
        name: name.to_string(),
    }
}

/// Table-level properties from `from` to `to`; also the reverse with the arguments swapped.
fn alter_table_sql(from: &Table, to: &Table) -> Vec<String> {
    let n = &to.name;
    let mut sql = Vec::new();
    if from.unlogged != to.unlogged {
        sql.push(ddl::table::set_logged(n, !to.unlogged));
    }
    for p in &from.inherits {
        if !to.inherits.contains(p) {
            sql.push(ddl::table::no_inherit(n, p));
        }
    }
    for p in &to.inherits {
        if !from.inherits.contains(p) {
            sql.push(ddl::table::inherit(n, p));
        }
    }
    if from.rls_enabled != to.rls_enabled {
        sql.push(if to.rls_enabled {
            ddl::table::enable_rls(n)
        } else {
            ddl::table::disable_rls(n)
        });
    }
    if from.rls_forced != to.rls_forced {
        sql.push(if to.rls_forced {
            ddl::table::force_rls(n)
        } else {
            ddl::table::no_force_rls(n)
        });
    }
    if from.replica_identity != to.replica_identity {
        sql.push(ddl::table::replica_identity(n, &to.replica_identity));
    }
    let key = |o: &String| o.split('=').next().unwrap_or_default().to_string();
    let removed: Vec<String> = from
        .options
        .iter()
        .filter(|o| !to.options.iter().any(|t| key(t) == key(o)))
        .cloned()
        .collect();
    if !removed.is_empty() {
        sql.push(ddl::table::reset_options(n, &removed));
    }
    let set: Vec<String> = to
        .options
        .iter()
        .filter(|o| !from.options.contains(o))
        .cloned()
        .collect();
    if !set.is_empty() {
        sql.push(ddl::table::set_options(n, &set));
    }
    sql
}

/// The identity sequences a table's CREATE makes and its DROP (or move) takes away: names in
/// the schema's relation name space, which a standalone sequence or another table's identity
/// may free or take in the same plan (`order`'s name edges, and its drop-before-create edge
/// for one id).
pub(super) fn identity_sequences(t: &Table) -> Vec<ObjectId> {
    t.columns
        .iter()
        .filter_map(|c| {
            let name = c.identity.as_ref()?.sequence_name(&t.name, &c.name);
            Some(ObjectId::Sequence { name })
        })
        .collect()
}
