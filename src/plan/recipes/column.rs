//! Columns: add, drop, type, default, NOT NULL, identity.

use super::parts::is_new;
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
        AddColumn { table, column } => {
            if !is_new(ctx, table)
                && let Some(drafts) = super::data::add_column(table, column, ctx)?
            {
                return Ok(drafts);
            }
            vec![plain_add(table, column, b, ctx)]
        }
        DropColumn { table, column }
            if super::data::renamed_away_instantly(table, &column.name, ctx) =>
        {
            Vec::new()
        }
        DropColumn { table, column } => {
            let stays = ctx.to.tables.contains_key(table) && !is_new(ctx, table);
            match stays
                .then(|| super::backup::drop_column_with_backup(table, column, ctx))
                .flatten()
            {
                Some(drafts) => drafts,
                None => vec![plain_drop(table, column, b, ctx)],
            }
        }
        AlterColumnType { table, from, to } if ctx.hints.in_place_types.contains(&id) => vec![
            // The server changes it without touching the rows (probed): a short lock only.
            b.sql(alter_type_sql(table, from, to, ctx))
                .reverse(reverse_type_sql(table, from, to, ctx))
                .lock(LockMode::AccessExclusive)
                .explain("the server changes this type in place, without rewriting the table")
                .definitions(&from.type_name, &to.type_name)
                .rebuilding(id, ctx),
        ],
        AlterColumnType { table, from, to } => {
            let why = if is_new(ctx, table) {
                None
            } else {
                match super::shadow::drafts(table, from, to, ctx) {
                    Ok(drafts) => return Ok(drafts),
                    Err(why) => Some(why),
                }
            };
            let mut s = b
                .sql(alter_type_sql(table, from, to, ctx))
                .reverse(reverse_type_sql(table, from, to, ctx))
                .lock(LockMode::AccessExclusive);
            // A foreign key over the column is rebuilt: both of its tables are locked.
            for other in fk_partners(ctx, table, &from.name) {
                s = s.stmt_locks(LockMode::AccessExclusive, &other);
            }
            let mut s = s
                .hazard(Hazard::RewritesTable)
                .hazard(Hazard::BreaksOldCode)
                .phase(Phase::Contract)
                .definitions(&from.type_name, &to.type_name);
            if let Some(why) = why {
                s = s.explain(format!("in place, not on a shadow column: {why}"));
            }
            // What depends on the column (views, policies, ...) is rebuilt around it.
            vec![s.rebuilding(id, ctx)]
        }
        AlterColumnDefault { table, from, to } => {
            let refers_to_recreated = ctx
                .from_deps
                .deps_of(&id)
                .chain(ctx.to_deps.deps_of(&id))
                .any(|d| ctx.recreated.contains(d));
            if from.default.is_some() && to.default.is_some() && refers_to_recreated {
                // Something the default names is dropped and created again in this plan:
                // the default lets go before, and comes back after (two steps, in order).
                let none = Column {
                    default: None,
                    ..from.clone()
                };
                return Ok(vec![
                    default_draft(table, from, &none, id.clone(), ctx),
                    default_draft(table, &none, to, id, ctx),
                ]);
            }
            vec![default_draft(table, from, to, id, ctx)]
        }
        AlterColumnNotNull { table, from, to }
            if from.not_null
                && to.not_null
                && not_null_name_before(table, from, ctx) != to.not_null_constraint(table) =>
        {
            // NOT NULL either way: only the constraint's name differs (PostgreSQL 18+).
            let (old, new) = (
                not_null_name_before(table, from, ctx),
                to.not_null_constraint(table),
            );
            vec![
                StepBuilder::new(id.clone(), "rename-not-null")
                    .sql([ddl::constraint::rename(table, &old, &new)])
                    .reverse([ddl::constraint::rename(table, &new, &old)])
                    .lock(LockMode::AccessExclusive)
                    .altering(id, ctx),
            ]
        }
        AlterColumnNotNull { table, from, to } => {
            // An identity needs NOT NULL first, in the same lock: plain SET NOT NULL.
            let becomes_identity = from.identity.is_none() && to.identity.is_some();
            // A table that joins or leaves a parent (INHERIT, ATTACH PARTITION) must match the
            // parent's NOT NULL at that moment, forward and back: the plain step, ordered
            // with the attach, not a contract step after it.
            let parent_changes = ctx
                .from
                .tables
                .get(table)
                .zip(ctx.to.tables.get(table))
                .is_some_and(|(f, t)| f.inherits != t.inherits || f.partition_of != t.partition_of);
            let online = to.not_null && !is_new(ctx, table) && !becomes_identity && !parent_changes;
            let set = |c: &Column| {
                if c.not_null {
                    ddl::column::set_not_null_named(table, &c.name, c.not_null_name.as_deref())
                } else {
                    ddl::column::drop_not_null(table, &c.name)
                }
            };
            let mut out = if online {
                not_null_via_check(
                    table,
                    &to.name,
                    to.not_null_name.as_deref(),
                    b,
                    Phase::Expand,
                )
            } else {
                let mut b = b
                    .sql([set(to)])
                    .reverse([set(from)])
                    .lock(LockMode::AccessExclusive);
                if to.not_null && !is_new(ctx, table) {
                    b = b.hazard(Hazard::LockedScan);
                }
                if !to.not_null {
                    // Relaxed in expand, so that new code may write NULLs; old code that
                    // reads the column may not expect them.
                    b = b.hazard(Hazard::BreaksOldCode);
                }
                vec![b.altering(id, ctx)]
            };
            // A primary key column cannot lose NOT NULL while the key exists: drop it after
            // the key goes, set it before a key comes (so the reverse is in order too).
            let last = out.last_mut().expect("at least one draft");
            if to.not_null {
                last.before_create_of
                    .extend(primary_keys_on(ctx.to, table, &to.name));
            } else {
                last.after_drop_of
                    .extend(primary_keys_on(ctx.from, table, &from.name));
            }
            out
        }
        AlterColumnIdentity { table, from, to } => {
            super::column_identity::drafts(table, from, to, b, ctx)?
        }
        other => {
            return Err(PlanError::Internal(format!(
                "not a column change: {}",
                other.kind()
            )));
        }
    })
}

/// The name of `from`'s NOT NULL constraint as the step finds it. A partition's column
/// (inherited) has its parent's on PostgreSQL 18+, and keeps it once detached; the model
/// leaves it out, since it follows the parent's.
fn not_null_name_before(table: &QualifiedName, from: &Column, ctx: &Context) -> String {
    let parent = ctx
        .from
        .tables
        .get(table)
        .and_then(|t| t.partition_of.as_ref())
        .map(|p| &p.parent);
    match parent {
        Some(parent) if from.inherited && ctx.hints.server_version.is_some_and(|v| v >= 180000) => {
            ctx.from
                .tables
                .get(parent)
                .and_then(|p| p.column(&from.name))
                .map_or_else(
                    || from.not_null_constraint(table),
                    |c| c.not_null_constraint(parent),
                )
        }
        _ => from.not_null_constraint(table),
    }
}

/// ADD COLUMN as it is: instant for a nullable column or a non-volatile default, flagged when
/// every row needs a value computed now.
fn plain_add(table: &QualifiedName, column: &Column, b: StepBuilder, ctx: &Context) -> Draft {
    let id = ObjectId::Column {
        table: table.clone(),
        column: column.name.clone(),
    };
    let mut s = b
        .sql([ddl::column::add(table, column)])
        .reverse([ddl::column::drop(table, &column.name)])
        .lock(LockMode::AccessExclusive);
    if !is_new(ctx, table) {
        // Every row needs a value computed now: a stored generated column, an identity, or
        // a volatile default (PostgreSQL stores a non-volatile default once, without
        // touching the rows).
        let computed = if column.generated.is_some() {
            Some("a generated column is computed for every row")
        } else if column.identity.is_some() {
            Some("an identity column is numbered row by row")
        } else if column.default_volatile {
            Some("a volatile default is evaluated for every row")
        } else {
            None
        };
        if let Some(why) = computed {
            s = s
                .hazard(Hazard::RewritesTable)
                .explain(format!("rewrites the table: {why}"));
        }
        if let Some(old) = super::data::looks_like_rename(table, column, ctx) {
            s = s.explain(format!(
                "looks like a rename of {}: if it is, write `-- schemadiff:renamed from={}` on the line before the column, and its data is kept",
                quote_ident(&old.name),
                old.name
            ));
        }
        if computed.is_none() && column.not_null && column.default.is_none() {
            s = s.hazard(Hazard::NeedsBackfill).explain(
                "existing rows need a value: write `-- schemadiff:backfill using=\"<expression>\"` on the line before the column",
            );
        }
    }
    s.creating(id)
}

/// DROP COLUMN without a backup: the data is gone. Sync triggers that fill it from the
/// columns replacing it go in the same transaction.
fn plain_drop(table: &QualifiedName, column: &Column, b: StepBuilder, ctx: &Context) -> Draft {
    let id = ObjectId::Column {
        table: table.clone(),
        column: column.name.clone(),
    };
    let (sync_create, sync_drop) = super::data::feeding_syncs(table, &column.name, ctx);
    b.sql(sync_drop)
        .sql([ddl::column::drop(table, &column.name)])
        .reverse([ddl::column::add(table, column)])
        .reverse(sync_create)
        .lock(LockMode::AccessExclusive)
        .hazard(Hazard::DeletesData)
        .hazard(Hazard::BreaksOldCode)
        .note(if column.generated.is_some() {
            format!("{id} is recomputed from its expression")
        } else {
            format!("the data of {id} is not restored")
        })
        .dropping(id)
}

/// One default change. Taking a default away needs nothing new and setting one needs
/// nothing old, so each half of a split change sits on its own side of a rebuild.
fn default_draft(
    table: &QualifiedName,
    from: &Column,
    to: &Column,
    id: ObjectId,
    ctx: &Context,
) -> Draft {
    let mut b = StepBuilder::new(id.clone(), "alter-column-default")
        .sql([default_sql(table, to)])
        .reverse([default_sql(table, from)])
        .lock(LockMode::AccessExclusive);
    if to.default.is_none() {
        // Old code that leaves the column out of its INSERTs counted on the default. Gone
        // for good, that is contract's; let go of only while what it names is rebuilt, it
        // stays beside the step that sets it again.
        b = b.hazard(Hazard::BreaksOldCode);
        let for_good = ctx
            .to
            .tables
            .get(table)
            .and_then(|t| t.column(&to.name))
            .is_none_or(|c| c.default.is_none());
        if for_good {
            b = b.phase(Phase::Contract);
        }
    }
    let mut d = b.altering(id, ctx);
    if to.default.is_none() {
        // Only lets go of what the old default named: it brings nothing new.
        d.after_create_of.clear();
        d.creates.clear();
    }
    if from.default.is_none() {
        d.before_drop_of.clear();
    }
    // A child's own default on a column that goes with its parent's: before that drop, and
    // back after the reverse has added the column again. On one that comes with its
    // parent's: after the parent's is added.
    let parent_col = |t: &crate::model::Table| {
        t.partition_of
            .as_ref()
            .map(|p| &p.parent)
            .or(t.inherits.first())
            .map(|p| ObjectId::Column {
                table: p.clone(),
                column: to.name.clone(),
            })
    };
    if let (Some(f), Some(t)) = (ctx.from.tables.get(table), ctx.to.tables.get(table)) {
        if t.column(&to.name).is_none()
            && let Some(p) = parent_col(f)
        {
            d.before_drop_of.push(p);
        }
        if f.column(&to.name).is_none()
            && let Some(p) = parent_col(t)
        {
            d.after_create_of.push(p);
        }
    }
    d
}

fn default_sql(table: &QualifiedName, c: &Column) -> String {
    match &c.default {
        Some(d) => ddl::column::set_default(table, &c.name, d),
        None => ddl::column::drop_default(table, &c.name),
    }
}

/// The default is taken off around the type change (it may not cast) and the target's put
/// back, so a type change also carries the default change that goes with it.
fn alter_type_sql(table: &QualifiedName, from: &Column, to: &Column, ctx: &Context) -> Vec<String> {
    let mut sql = Vec::new();
    // ALTER TYPE keeps the NOT NULL constraint's name: the target's is set here (the diff
    // leaves a retyped column's name to this recipe; PostgreSQL 18+ only, where it differs).
    let (old, new) = (
        from.not_null_constraint(table),
        to.not_null_constraint(table),
    );
    if from.not_null && to.not_null && old != new {
        sql.push(ddl::constraint::rename(table, &old, &new));
    }
    if from.default.is_some() {
        sql.push(ddl::column::drop_default(table, &from.name));
    }
    sql.push(ddl::column::alter_type_via(
        table,
        &to.name,
        &to.type_name,
        to.collation.as_ref(),
        cast_via(from, to, ctx),
    ));
    if let Some(d) = &to.default {
        sql.push(ddl::column::set_default(table, &to.name, d));
    }
    sql
}

/// The way back of a type change: the type back, then the column's own storage and
/// compression in `from`'s catalog set again (ALTER TYPE puts the type's storage and no
/// compression on; the forward storage step, undone before, sets only the type's default).
fn reverse_type_sql(
    table: &QualifiedName,
    from: &Column,
    to: &Column,
    ctx: &Context,
) -> Vec<String> {
    let mut sql = alter_type_sql(table, to, from, ctx);
    if let Some(c) = ctx
        .from
        .tables
        .get(table)
        .and_then(|t| t.column(&from.name))
    {
        let reset = Column {
            storage: None,
            compression: None,
            ..c.clone()
        };
        sql.extend(ddl::column::storage_changes(table, &reset, c));
    }
    sql
}

/// The other tables of the foreign keys over `table.column` (its own, and those of other
/// tables that reference it): retyping the column rebuilds them under ACCESS EXCLUSIVE.
fn fk_partners(ctx: &Context, table: &QualifiedName, column: &str) -> Vec<QualifiedName> {
    let col = ObjectId::Column {
        table: table.clone(),
        column: column.to_string(),
    };
    let mut out: Vec<QualifiedName> = Vec::new();
    for t in ctx.from.tables.values() {
        for c in t.constraints.values() {
            let Some(r) = &c.references else { continue };
            let other = if &t.name == table && c.columns.iter().any(|x| x == column) {
                r
            } else if r == table && &t.name != table && c.depends_on.contains(&col) {
                &t.name
            } else {
                continue;
            };
            if other != table && !out.contains(other) {
                out.push(other.clone());
            }
        }
    }
    out
}

/// Enums (and arrays of them) have no cast from other types but text: convert through it.
pub(super) fn cast_via(from: &Column, to: &Column, ctx: &Context) -> Option<&'static str> {
    let is_enum = |ty: &str| {
        [ctx.from, ctx.to].iter().any(|c| {
            c.enums.keys().any(|n| {
                let n = n.to_string();
                ty == n || ty == format!("{n}[]")
            })
        })
    };
    let array = to.type_name.ends_with("[]");
    let textual = |ty: &str| ty == "text" || ty == "text[]";
    if (is_enum(&to.type_name) || is_enum(&from.type_name)) && !textual(&from.type_name) {
        Some(if array { "text[]" } else { "text" })
    } else {
        None
    }
}

pub(super) fn primary_keys_on(cat: &Catalog, table: &QualifiedName, column: &str) -> Vec<ObjectId> {
    cat.tables
        .get(table)
        .into_iter()
        .flat_map(|t| t.constraints.values())
        .filter(|c| c.kind == ConstraintKind::PrimaryKey && c.columns.iter().any(|n| n == column))
        .map(|c| ObjectId::Constraint {
            table: table.clone(),
            name: c.name.clone(),
        })
        .collect()
}

/// SET NOT NULL on a table with rows without a scan under ACCESS EXCLUSIVE: expand adds
/// `CHECK (col IS NOT NULL) NOT VALID`; contract validates it (writes go on) and then sets NOT
/// NULL, which PostgreSQL proves from the validated check without scanning, and drops the
/// check.
///
/// `check_phase`: where the NOT VALID check is added (expand; contract when the column is
/// only filled by a backfill).
pub(super) fn not_null_via_check(
    table: &QualifiedName,
    column: &str,
    name: Option<&str>,
    b: StepBuilder,
    check_phase: Phase,
) -> Vec<Draft> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: column.to_string(),
    };
    let check = ddl::column::not_null_check_name(table, column);
    let expr = format!("{} IS NOT NULL", quote_ident(column));
    let add_check = format!(
        "ALTER TABLE {table} ADD CONSTRAINT {} CHECK ({expr}) NOT VALID",
        quote_ident(&check)
    );
    let drop_check = ddl::constraint::drop(table, &check);
    let validate = ddl::constraint::validate(table, &check);
    let add = StepBuilder::new(id.clone(), "add-not-null-check")
        .sql([add_check.clone()])
        .reverse([drop_check.clone()])
        .lock(LockMode::AccessExclusive)
        .explain(format!(
            "NOT NULL is proved by the check {} before it is set",
            quote_ident(&check)
        ))
        .phase(check_phase)
        .draft();
    let validated = StepBuilder::new(id.clone(), "validate-not-null-check")
        .sql([validate])
        .reverse([drop_check.clone(), add_check.clone()])
        .lock(LockMode::ShareUpdateExclusive)
        .reverse_lock(LockMode::AccessExclusive)
        .hazard(Hazard::ScansTable)
        .phase(Phase::Contract)
        .draft();
    // Nothing but a primary key (ordered by the caller) needs the NOT NULL before it: indexes,
    // constraints and views on the column do not wait for contract.
    let set = b
        .sql([
            ddl::column::set_not_null_named(table, column, name),
            drop_check,
        ])
        .reverse([ddl::column::drop_not_null(table, column), add_check])
        .lock(LockMode::AccessExclusive)
        .phase(Phase::Contract)
        .draft();
    vec![add, validated, set]
}
