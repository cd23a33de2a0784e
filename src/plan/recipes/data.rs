//! Recipes that move data, on tables that already have rows:
//!
//! - a new column that needs a value in every row (`backfill using=`, a volatile default, a
//!   rename's or a split's new column): added nullable in expand with a sync trigger for the
//!   old code's writes, filled in batches in backfill, NOT NULL through a validated CHECK and
//!   the trigger dropped in contract (with the old column, when the trigger also fills it);
//! - an instant rename (`mode=instant`).
//!
//! Drops that keep their data are in `backup.rs`.

use super::sync::{Sync, columns_named};
use super::{Context, Draft, StepBuilder};
use crate::bookkeeping;
use crate::ddl;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::backfill::{BatchKey, Batched, tag};
use crate::plan::step::{Hazard, LockMode, Phase, Statement};

/// Where a new column's values come from.
struct Source {
    /// SQL expression over the row.
    expr: String,
    /// Columns of the row whose change recomputes it.
    inputs: Vec<String>,
    /// The old column this one replaces, with the expression that gives it back.
    feeds: Option<(String, String)>,
    /// The column's own (volatile) default: no trigger is needed, new rows get it.
    from_default: bool,
    /// Why, for reviewers.
    why: String,
}

impl Source {
    fn sync<'s>(&'s self, table: &'s QualifiedName, target: &'s str) -> Sync<'s> {
        Sync {
            table,
            target,
            expr: &self.expr,
            inputs: self.inputs.clone(),
            feeds: self.feeds.as_ref().map(|(c, e)| (c.as_str(), e.as_str())),
            always: false,
        }
    }
}

/// The drafts of an added column that needs data, or `None` when a plain ADD COLUMN is right.
pub(super) fn add_column(
    table: &QualifiedName,
    column: &Column,
    ctx: &Context,
) -> Result<Option<Vec<Draft>>, PlanError> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: column.name.clone(),
    };
    if let Some(r) = ctx.hints.rename_of(&id)
        && r.instant
    {
        let from_table = ctx.from.tables.get(table);
        if let Some(old) = from_table.and_then(|t| t.column(&r.from)) {
            return instant_rename(table, old, column, &r.location, ctx).map(Some);
        }
    }
    Ok(source_of(table, column, ctx)?.map(|source| derived(table, column, source, ctx)))
}

/// Where the values of `column` (added to `table`, which has rows) come from, or `None` when a
/// plain ADD COLUMN is right. Errors name the annotation that cannot be followed.
fn source_of(
    table: &QualifiedName,
    column: &Column,
    ctx: &Context,
) -> Result<Option<Source>, PlanError> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: column.name.clone(),
    };
    if column.generated.is_some() || column.identity.is_some() {
        return Ok(None);
    }
    let Some(from_table) = ctx.from.tables.get(table) else {
        return Ok(None);
    };
    // UPDATE on a parent by classic inheritance reaches its children, whose rows the page
    // walk and the parent's trigger do not: planned as a plain ADD COLUMN.
    let inheritance = !from_table.inherits.is_empty()
        || ctx.from.tables.values().any(|t| t.inherits.contains(table));
    if inheritance {
        return Ok(None);
    }
    let rename = ctx.hints.rename_of(&id);
    let backfill = ctx.hints.backfills.get(&id);
    let unsupported = |reason: String| PlanError::Unsupported {
        object: id.clone(),
        reason,
    };
    let old = match rename {
        Some(r) => {
            let old = from_table.column(&r.from).ok_or_else(|| {
                unsupported(format!(
                    "{}: renamed from {}, but {table} has no such column now",
                    r.location,
                    quote_ident(&r.from)
                ))
            })?;
            if ctx
                .to
                .tables
                .get(table)
                .and_then(|t| t.column(&r.from))
                .is_some()
            {
                return Err(unsupported(format!(
                    "{}: renamed from {}, but the desired state still has that column",
                    r.location,
                    quote_ident(&r.from)
                )));
            }
            let keyed = from_table.constraints.values().any(|c| {
                matches!(c.kind, ConstraintKind::PrimaryKey | ConstraintKind::Unique)
                    && c.columns.contains(&r.from)
            });
            if keyed && !r.instant {
                return Err(unsupported(format!(
                    "{}: {} is part of a primary key or unique constraint, which an online rename cannot carry over; write mode=instant",
                    r.location,
                    quote_ident(&r.from)
                )));
            }
            Some((r, old))
        }
        None => None,
    };
    let from_cols: Vec<&str> = from_table.columns.iter().map(|c| c.name.as_str()).collect();
    for expr in backfill
        .iter()
        .flat_map(|b| std::iter::once(&b.using).chain(&b.reverse))
    {
        if expr.contains("$schemadiff$") {
            return Err(unsupported(format!(
                "{}: an expression may not contain $schemadiff$",
                backfill.map_or("", |b| b.location.as_str())
            )));
        }
    }
    Ok(Some(match (old, backfill) {
        (old, Some(b)) => {
            let feeds = match &b.reverse {
                Some(rev) => Some((feeds_column(table, &id, &b.location, ctx)?, rev.clone())),
                None => old.map(|(r, old)| (r.from.clone(), cast(&column.name, column, old))),
            };
            let mut inputs = columns_named(&b.using, &from_cols);
            if let Some((r, _)) = old
                && !inputs.contains(&r.from)
            {
                inputs.push(r.from.clone());
            }
            Source {
                expr: b.using.clone(),
                inputs,
                feeds,
                from_default: false,
                why: format!("filled from `{}` ({})", b.using, b.location),
            }
        }
        (Some((r, old)), None) => Source {
            expr: cast(&r.from, old, column),
            inputs: vec![r.from.clone()],
            feeds: Some((r.from.clone(), cast(&column.name, column, old))),
            from_default: false,
            why: format!("renamed from {} ({})", quote_ident(&r.from), r.location),
        },
        (None, None) if column.default_volatile => Source {
            expr: column.default.clone().unwrap_or_default(),
            inputs: Vec::new(),
            feeds: None,
            from_default: true,
            why: "a volatile default is evaluated once per existing row, in batches".into(),
        },
        (None, None) => return Ok(None),
    }))
}

/// The sync triggers that fill the dropped column `old` of `table` from the columns that
/// replace it (renames, `reverse=`): (CREATE statements, DROP statements). They stay until
/// the column is dropped, in the same transaction, so that new code's writes keep reaching
/// it for as long as it exists, and come back before it is refilled on the way back.
pub(super) fn feeding_syncs(
    table: &QualifiedName,
    old: &str,
    ctx: &Context,
) -> (Vec<String>, Vec<String>) {
    let (mut create, mut drop) = (Vec::new(), Vec::new());
    let Some(to_table) = ctx.to.tables.get(table) else {
        return (create, drop);
    };
    for column in &to_table.columns {
        if ctx
            .from
            .tables
            .get(table)
            .and_then(|t| t.column(&column.name))
            .is_some()
        {
            continue;
        }
        let Ok(Some(source)) = source_of(table, column, ctx) else {
            continue;
        };
        if source.feeds.as_ref().is_some_and(|(c, _)| c == old) {
            let sync = source.sync(table, &column.name);
            create.extend(sync.create());
            drop.extend(sync.drop());
        }
    }
    (create, drop)
}

/// The one column of `table` that this plan drops, which `reverse=` fills.
fn feeds_column(
    table: &QualifiedName,
    id: &ObjectId,
    location: &str,
    ctx: &Context,
) -> Result<String, PlanError> {
    let dropped: Vec<&Column> = ctx.dropped_columns(table).collect();
    match dropped.as_slice() {
        [one] => Ok(one.name.clone()),
        _ => Err(PlanError::Unsupported {
            object: id.clone(),
            reason: format!(
                "{location}: reverse= fills the column this change replaces, but the plan drops {} columns of {table}; reverse= needs exactly one",
                dropped.len()
            ),
        }),
    }
}

/// `old`'s value as the type of `new` (the same text when the types agree).
fn cast(old_name: &str, old: &Column, new: &Column) -> String {
    if old.type_name == new.type_name && old.collation == new.collation {
        quote_ident(old_name)
    } else {
        format!("CAST({} AS {})", quote_ident(old_name), new.type_name)
    }
}

/// Expand adds the column (nullable, its default only when no old column feeds it) and the
/// sync trigger; backfill fills it in batches; contract sets NOT NULL through a validated
/// check, drops the trigger and sets a default the old column had until then.
fn derived(table: &QualifiedName, column: &Column, source: Source, ctx: &Context) -> Vec<Draft> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: column.name.clone(),
    };
    let name = &column.name;
    let bare = Column {
        default: None,
        default_volatile: false,
        not_null: false,
        ..column.clone()
    };
    let sync = source.sync(table, name);
    // A volatile default is its own source: new rows get it, no trigger is needed. Any other
    // default waits for contract, so that old code's rows get the computed value.
    let default_early = source.from_default;
    let key = BatchKey::of(ctx.from, table);
    // Only rows without a value: those the triggers filled (old code's writes) or new code
    // wrote since expand stay as they are.
    let set = format!(
        "UPDATE {table} SET {n} = ({}) WHERE {{range}} AND {n} IS NULL",
        source.expr,
        n = quote_ident(name)
    );
    let job = Batched::new(
        format!("{table}.{name}:{}", tag(&set)),
        table,
        key.clone(),
        set,
        &ctx.settings,
    );
    let mut add = StepBuilder::new(id.clone(), "add-column")
        .stmts(state_ddl())
        .stmt(Statement::new(job.forget_sql()))
        .sql([ddl::column::add(table, &bare)])
        .lock(LockMode::AccessExclusive)
        .explain(format!(
            "added nullable and filled in the backfill phase: {}",
            source.why
        ));
    if let (true, Some(d)) = (default_early, &column.default) {
        add = add.sql([ddl::column::set_default(table, name, d)]);
    }
    if !default_early {
        add = add.sql(sync.create()).reverse(sync.drop());
    }
    let add = add
        .reverse([ddl::column::drop(table, name)])
        .creating(id.clone());
    let fill = backfill_step(&id, table, &job, &key);

    let mut out = vec![add, fill];
    if column.not_null {
        out.extend(super::column::not_null_via_check(
            table,
            name,
            column.not_null_name.as_deref(),
            StepBuilder::new(id.clone(), "set-not-null"),
            Phase::Contract,
        ));
        // A primary key on the column comes after its NOT NULL (and goes before it on the
        // way back), as for AlterColumnNotNull.
        if let Some(set) = out.last_mut() {
            set.before_create_of
                .extend(super::column::primary_keys_on(ctx.to, table, name));
        }
    }
    if default_early {
        return out;
    }
    // A trigger that fills an old column goes with that column (`feeding_syncs`); the others
    // are dropped here.
    let mut finish = StepBuilder::new(id.clone(), "finish-column")
        .lock(LockMode::AccessExclusive)
        .phase(Phase::Contract);
    if source.feeds.is_none() {
        finish = finish.sql(sync.drop()).reverse(sync.create());
    }
    if let Some(d) = &column.default {
        finish = finish
            .sql([ddl::column::set_default(table, name, d)])
            .reverse([ddl::column::drop_default(table, name)]);
    }
    let mut finish = finish.draft();
    // The trigger reads the old columns: it goes before they do.
    finish
        .before_drop_of
        .extend(source.inputs.iter().map(|c| ObjectId::Column {
            table: table.clone(),
            column: c.clone(),
        }));
    if !finish.step.forward.is_empty() {
        out.push(finish);
    }
    out
}

/// The backfill step of a job: the bookkeeping tables, then the batches.
pub(super) fn backfill_step(
    id: &ObjectId,
    table: &QualifiedName,
    job: &Batched,
    key: &BatchKey,
) -> Draft {
    let mut b = StepBuilder::new(id.clone(), "backfill")
        .phase(Phase::Backfill)
        .stmts(state_ddl())
        .stmt(
            Statement::batched(job)
                .lock(LockMode::RowExclusive, table)
                .hazard(Hazard::WritesRows),
        )
        .reverse_stmt(Statement::new(job.forget_sql()))
        .explain(format!(
            "{} rows per batch, each its own transaction, {} ms apart; resumes after an interruption",
            job.batch_rows, job.pause_ms
        ));
    if *key == BatchKey::Ctid {
        b = b.explain(format!(
            "{table} has no primary key or unique NOT NULL key: batches walk ctid page ranges"
        ));
    }
    b.note("the values written by the backfill stay until the column is dropped")
        .draft()
}

/// `mode=instant`: one `RENAME COLUMN`; old code naming the old column fails from then on.
fn instant_rename(
    table: &QualifiedName,
    old: &Column,
    new: &Column,
    location: &str,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: new.name.clone(),
    };
    let same = Column {
        name: new.name.clone(),
        comment: new.comment.clone(),
        grants: new.grants.clone(),
        depends_on: new.depends_on.clone(),
        not_null_name: new.not_null_name.clone(),
        ..old.clone()
    };
    if same != *new {
        return Err(PlanError::Unsupported {
            object: id,
            reason: format!(
                "{location}: mode=instant renames only, but the definition of the column changes too; leave out mode=instant for the online rename"
            ),
        });
    }
    let rename = |a: &str, b: &str| {
        format!(
            "ALTER TABLE {table} RENAME COLUMN {} TO {}",
            quote_ident(a),
            quote_ident(b)
        )
    };
    let (mut sql, mut back) = (vec![rename(&old.name, &new.name)], Vec::new());
    // PostgreSQL 18+ keeps the NOT NULL constraint's name (of the old column name): the
    // state's is set with it.
    let (was, will) = (
        old.not_null_constraint(table),
        new.not_null_constraint(table),
    );
    if old.not_null && was != will && ctx.hints.server_version.is_some_and(|v| v >= 180000) {
        sql.push(ddl::constraint::rename(table, &was, &will));
        back.push(ddl::constraint::rename(table, &will, &was));
    }
    back.push(rename(&new.name, &old.name));
    let mut d = StepBuilder::new(id.clone(), "rename-column")
        .sql(sql)
        .reverse(back)
        .lock(LockMode::AccessExclusive)
        .hazard(Hazard::BreaksOldCode)
        .explain(format!("mode=instant ({location})"))
        .altering(id, ctx);
    d.drops.push(ObjectId::Column {
        table: table.clone(),
        column: old.name.clone(),
    });
    Ok(vec![d])
}

/// The dropped column that `column` (added, without a hint) may be the new name of: the
/// table loses exactly one column and gains exactly one, of the same type.
pub(super) fn looks_like_rename<'c>(
    table: &'c QualifiedName,
    column: &Column,
    ctx: &'c Context,
) -> Option<&'c Column> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: column.name.clone(),
    };
    if ctx.hints.rename_of(&id).is_some() {
        return None;
    }
    let (from_t, to_t) = (ctx.from.tables.get(table)?, ctx.to.tables.get(table)?);
    let added = to_t
        .columns
        .iter()
        .filter(|c| from_t.column(&c.name).is_none())
        .count();
    match ctx.dropped_columns(table).collect::<Vec<_>>().as_slice() {
        [old] if added == 1 && old.type_name == column.type_name => Some(old),
        _ => None,
    }
}

/// True when the plan renames `column` of `table` away instantly (its drop is the rename).
pub(super) fn renamed_away_instantly(table: &QualifiedName, column: &str, ctx: &Context) -> bool {
    ctx.hints.renames.iter().any(|r| {
        r.instant
            && r.from == column
            && matches!(&r.object, ObjectId::Column { table: t, .. } if t == table)
    })
}

/// schemadiff's bookkeeping schemas and tables, created if missing, one statement each.
pub(super) fn state_ddl() -> Vec<Statement> {
    [
        bookkeeping::BACKUPS_DDL,
        bookkeeping::BACKFILLS_DDL,
        bookkeeping::BACKUP_SCHEMA_DDL,
    ]
    .iter()
    .flat_map(|ddl| ddl.split(";\n"))
    .map(|s| s.trim().trim_end_matches(';'))
    .filter(|s| !s.is_empty())
    .map(Statement::new)
    .collect()
}
