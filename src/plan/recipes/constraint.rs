//! Constraints on tables that have rows, online: NOT VALID then VALIDATE, USING INDEX,
//! and swaps of changed definitions.

use super::parts::{is_new, is_partitioned};
use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode, Phase, Statement};

/// A constraint on a table that has rows is added without holding a lock through a scan:
/// CHECK and FOREIGN KEY `NOT VALID` in expand and validated in contract (in a transaction of
/// its own); PRIMARY KEY and UNIQUE from an index built concurrently and then taken over with
/// `USING INDEX`. What PostgreSQL does not allow that way is added plainly and flagged.
pub(super) fn add_constraint(
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
    let plain = |b: StepBuilder| adding(b, table, c, ddl::constraint::add(table, c));
    // A table has one primary key: a new one of another name waits for the old one's drop.
    let old_key = (c.kind == ConstraintKind::PrimaryKey)
        .then(|| ctx.from.tables.get(table))
        .flatten()
        .and_then(|t| {
            t.constraints
                .values()
                .find(|k| k.kind == ConstraintKind::PrimaryKey && k.name != c.name && !k.inherited)
        })
        .map(|k| ObjectId::Constraint {
            table: table.clone(),
            name: k.name.clone(),
        });
    let finish = |s: StepBuilder| {
        let mut d = s.creating(id.clone());
        d.foreign_key = fk;
        d.after_drop_of.extend(old_key.clone());
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
            let add = adding(
                b,
                table,
                c,
                ddl::constraint::add_not_valid(table, c).map_err(&ddl_err)?,
            );
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

/// `ADD CONSTRAINT` takes ACCESS EXCLUSIVE; a foreign key SHARE ROW EXCLUSIVE (on both
/// tables).
fn add_lock(c: &Constraint) -> LockMode {
    if c.kind == ConstraintKind::ForeignKey {
        LockMode::ShareRowExclusive
    } else {
        LockMode::AccessExclusive
    }
}

/// A step that adds `c` with `sql` (plain or NOT VALID), undone by dropping it.
fn adding(b: StepBuilder, table: &QualifiedName, c: &Constraint, sql: String) -> StepBuilder {
    let mut s = b
        .sql([sql])
        .reverse([ddl::constraint::drop(table, &c.name)])
        .lock(add_lock(c))
        .reverse_lock(LockMode::AccessExclusive);
    if let Some(r) = &c.references {
        s = s.stmt_locks(LockMode::ShareRowExclusive, r);
    }
    s
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
pub(super) fn validate_draft(
    b: StepBuilder,
    table: &QualifiedName,
    c: &Constraint,
    not_valid: &Constraint,
) -> StepBuilder {
    let mut s = b
        .sql([ddl::constraint::validate(table, &c.name)])
        // Back to NOT VALID: re-adding it validated would scan the table under the ADD's lock.
        .reverse([
            ddl::constraint::drop(table, &c.name),
            ddl::constraint::add_not_valid(table, not_valid)
                .unwrap_or_else(|_| ddl::constraint::add(table, not_valid)),
        ])
        .lock(LockMode::ShareUpdateExclusive)
        .reverse_lock(LockMode::AccessExclusive)
        .hazard(Hazard::ScansTable)
        .phase(Phase::Contract);
    if let Some(r) = &c.references {
        s = s.stmt_locks(LockMode::RowShare, r);
    }
    s
}

/// A CHECK or FOREIGN KEY whose definition changes on a table that has rows is swapped
/// rather than dropped and added: the old one keeps guarding the rows until the new one is
/// validated. Only when nothing it depends on is itself taken away in this plan, and nothing
/// depends on it.
pub(super) fn swaps_constraint(
    ctx: &Context,
    table: &QualifiedName,
    id: &ObjectId,
    c: &Constraint,
) -> bool {
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
    // A foreign key whose old referenced table the plan drops guards nothing worth keeping
    // until the new one is valid, and a swap would wait for a key that may need the dropped
    // table's index name (a table renamed without the annotation: its old primary key's name
    // is freed only by the drop, which waits for the old foreign key: a cycle). It is
    // dropped and added instead.
    // So does one whose referenced key the plan drops (a primary key renamed: the new key
    // waits for the old one's drop, which waits for the old foreign key).
    let references_dropped = || {
        ctx.from
            .tables
            .get(table)
            .and_then(|t| t.constraints.get(&c.name))
            .and_then(|old| old.references.as_ref())
            .is_some_and(|r| !ctx.to.tables.contains_key(r))
            || ctx.from_deps.deps_of(id).any(|d| key_goes(ctx, d))
    };
    matches!(c.kind, ConstraintKind::Check | ConstraintKind::ForeignKey)
        && ctx.swappable(id, table)
        && !(fk && is_partitioned(ctx, table))
        && swappable(kind_of(ctx.from))
        && swappable(kind_of(ctx.to))
        && !(fk && references_dropped())
}

/// Whether `d`, a key constraint or index, is dropped (or changed) by the plan: `from` has
/// it and `to` has none of that name and definition.
fn key_goes(ctx: &Context, d: &ObjectId) -> bool {
    let (ObjectId::Constraint { table, name } | ObjectId::Index { table, name }) = d else {
        return false;
    };
    let definition = |cat: &Catalog| {
        let t = cat.tables.get(table)?;
        t.constraints
            .get(name)
            .map(|c| c.definition.clone())
            .or_else(|| t.indexes.get(name).map(|i| i.definition.clone()))
    };
    let old = definition(ctx.from);
    old.is_some() && old != definition(ctx.to)
}

/// Expand adds the new definition `NOT VALID` under a temporary name; contract validates it
/// (writes go on), then drops the old constraint and renames the new one, in one short
/// transaction. The rows are guarded by one definition or the other all along.
pub(super) fn swap_constraint(
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
    // A statement on the old constraint locks the table the old one references (a retargeted
    // foreign key references another; measured by `verify`).
    let locks_of = |mut s: Statement, mode: LockMode, referenced: LockMode, of: &Constraint| {
        s = s.lock(mode, table);
        if let Some(r) = &of.references {
            s = s.lock(referenced, r);
        }
        s
    };
    let with_locks =
        |s: Statement, mode: LockMode, referenced: LockMode| locks_of(s, mode, referenced, c);
    let add_mode = add_lock(c);
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
            locks_of(
                Statement::new(ddl::constraint::drop(table, &c.name)),
                LockMode::AccessExclusive,
                LockMode::AccessExclusive,
                old,
            )
            .hazard(Hazard::BreaksOldCode),
        )
        .stmt(rename(&temp, &c.name).hazard(Hazard::BreaksOldCode))
        .reverse_stmt(rename(&c.name, &temp))
        .reverse_stmt(
            locks_of(
                Statement::new(ddl::constraint::add(table, old)),
                add_lock(old),
                LockMode::ShareRowExclusive,
                old,
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
