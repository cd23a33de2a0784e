//! Columns: add, drop, type, default, NOT NULL, identity.

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, Lock};

pub(super) fn drafts(change: &Change, b: StepBuilder, ctx: &Context) -> Result<Vec<Draft>, PlanError> {
    use Change::*;
    let id = change.object();
    Ok(match change {
        AddColumn { table, column } => {
            let mut s = b
                .sql([ddl::column::add(table, column)])
                .reverse([ddl::column::drop(table, &column.name)])
                .lock(Lock::AccessExclusive);
            if column.generated.is_some() {
                s = s.hazard(Hazard::RewritesTable);
            }
            vec![s.creating(id)]
        }
        DropColumn { table, column } => vec![
            b.sql([ddl::column::drop(table, &column.name)])
                .reverse([ddl::column::add(table, column)])
                .lock(Lock::AccessExclusive)
                .hazard(Hazard::DeletesData)
                .hazard(Hazard::BreaksOldCode)
                .note(if column.generated.is_some() {
                    format!("{id} is recomputed from its expression")
                } else {
                    format!("the data of {id} is not restored")
                })
                .dropping(id),
        ],
        AlterColumnType { table, from, to } => {
            let mut d = b
                .sql(alter_type_sql(table, from, to))
                .reverse(alter_type_sql(table, to, from))
                .lock(Lock::AccessExclusive)
                .hazard(Hazard::RewritesTable)
                .hazard(Hazard::BreaksOldCode)
                .definitions(&from.type_name, &to.type_name)
                .draft();
            // What depends on the column (views, policies, ...) is rebuilt around this step.
            d.drops.push(id.clone());
            d.creates.push(id.clone());
            d.before_drop_of.extend(ctx.from_deps.deps_of(&id).cloned());
            d.after_create_of.extend(ctx.to_deps.deps_of(&id).cloned());
            vec![d]
        }
        AlterColumnDefault { table, from, to } => vec![
            b.sql([default_sql(table, to)])
                .reverse([default_sql(table, from)])
                .lock(Lock::AccessExclusive)
                .altering(id, ctx),
        ],
        AlterColumnNotNull { table, from, to } => {
            let set = |c: &Column| {
                if c.not_null {
                    ddl::column::set_not_null(table, &c.name)
                } else {
                    ddl::column::drop_not_null(table, &c.name)
                }
            };
            let mut s = b.sql([set(to)]).reverse([set(from)]).lock(Lock::AccessExclusive);
            if to.not_null {
                s = s.hazard(Hazard::ScansTable);
            }
            vec![s.altering(id, ctx)]
        }
        AlterColumnIdentity { table, from, to } => vec![
            b.sql(identity_sql(table, from, to))
                .reverse(identity_sql(table, to, from))
                .lock(Lock::AccessExclusive)
                .altering(id, ctx),
        ],
        other => return Err(PlanError::Internal(format!("not a column change: {}", other.kind()))),
    })
}

fn default_sql(table: &QualifiedName, c: &Column) -> String {
    match &c.default {
        Some(d) => ddl::column::set_default(table, &c.name, d),
        None => ddl::column::drop_default(table, &c.name),
    }
}

/// The default is taken off around the type change (it may not cast) and the target's put
/// back, so a type change also carries the default change that goes with it.
fn alter_type_sql(table: &QualifiedName, from: &Column, to: &Column) -> Vec<String> {
    let mut sql = Vec::new();
    if from.default.is_some() {
        sql.push(ddl::column::drop_default(table, &from.name));
    }
    sql.push(ddl::column::alter_type(
        table,
        &to.name,
        &to.type_name,
        to.collation.as_ref(),
    ));
    if let Some(d) = &to.default {
        sql.push(ddl::column::set_default(table, &to.name, d));
    }
    sql
}

fn identity_sql(table: &QualifiedName, from: &Column, to: &Column) -> Vec<String> {
    match (&from.identity, &to.identity) {
        (None, Some(i)) => vec![ddl::column::add_identity(table, &to.name, i)],
        (Some(_), None) => vec![ddl::column::drop_identity(table, &to.name)],
        (Some(_), Some(i)) => vec![ddl::column::set_identity(table, &to.name, i)],
        (None, None) => Vec::new(),
    }
}
