//! A column's storage strategy and compression (`SET STORAGE`, `SET COMPRESSION`). Neither
//! rewrites the table (only values written later are stored the new way), but both take
//! ACCESS EXCLUSIVE for an instant.
//!
//! Columns are created and dropped without them (`CREATE TABLE` has no `STORAGE` before
//! PostgreSQL 16), so the diff emits this change after a column is made and before one is
//! dropped; the step then has one side only.

use super::{Context, Draft, StepBuilder};
use crate::ddl::column::storage_changes;
use crate::model::{Column, ObjectId, QualifiedName};
use crate::plan::step::{LockMode, Phase};

pub(super) fn draft(
    table: &QualifiedName,
    from: &Column,
    to: &Column,
    b: StepBuilder,
    ctx: &Context,
) -> Draft {
    let id = ObjectId::Column {
        table: table.clone(),
        column: to.name.clone(),
    };
    let has = |cat: &crate::model::Catalog, name: &str| {
        cat.tables
            .get(table)
            .is_some_and(|t| t.column(name).is_some())
    };
    // The plan drops the column (or its table), which takes the setting along: the step
    // only brings it back, after the reverse has restored the column.
    let dropped = !has(ctx.to, &to.name);
    // The plan creates it: the reverse drops it, setting and all.
    let created = !has(ctx.from, &from.name);
    let forward = if dropped {
        Vec::new()
    } else {
        storage_changes(table, from, to)
    };
    let reverse = if created {
        Vec::new()
    } else {
        storage_changes(table, to, from)
    };
    let mut b = b
        .sql(forward)
        .reverse(reverse)
        .lock(LockMode::AccessExclusive);
    if ctx.shadowed.contains(&id) {
        // The column of the new type takes over in contract's swap: set it after that.
        b = b.phase(Phase::Contract);
    }
    if dropped {
        let mut d = b.phase(Phase::Contract).draft();
        // Before the drop, so that its way back comes after the column's.
        d.before_drop_of.push(id);
        d.before_drop_of.push(ObjectId::Table {
            name: table.clone(),
        });
        d
    } else {
        b.altering(id, ctx)
    }
}
