//! Recipes that move data, on tables that already have rows:
//!
//! - a new column that needs a value in every row (`backfill using=`, a volatile default, a
//!   rename's or a split's new column): added nullable in expand with a sync trigger for the
//!   old code's writes, filled in batches in backfill, NOT NULL through a validated CHECK and
//!   the trigger dropped in contract;
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
    /// Only rows that have no value yet are filled (the column is new to everyone).
    only_missing: bool,
    /// Why, for reviewers.
    why: String,
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
    if column.generated.is_some() || column.identity.is_some() {
        return Ok(None);
    }
    let Some(from_table) = ctx.from.tables.get(table) else {
        return Ok(None);
    };
    let rename = ctx.hints.rename_of(&id);
    let backfill = ctx.hints.backfills.get(&id);
    if let Some(r) = rename {
        let old = from_table
            .column(&r.from)
            .ok_or_else(|| PlanError::Unsupported {
                object: id.clone(),
                reason: format!(
                    "{}: renamed from {}, but {table} has no such column now",
                    r.location,
                    quote_ident(&r.from)
                ),
            })?;
        if ctx
            .to
            .tables
            .get(table)
            .and_then(|t| t.column(&r.from))
            .is_some()
        {
            return Err(PlanError::Unsupported {
                object: id,
                reason: format!(
                    "{}: renamed from {}, but the desired state still has that column",
                    r.location,
                    quote_ident(&r.from)
                ),
            });
        }
        if r.instant {
            return instant_rename(table, old, column, &r.location, ctx).map(Some);
        }
    }
    let from_cols: Vec<&str> = from_table.columns.iter().map(|c| c.name.as_str()).collect();
    let source = match (rename, backfill) {
        (_, Some(b)) => {
            let feeds = match &b.reverse {
                Some(rev) => Some((feeds_column(table, &id, &b.location, ctx)?, rev.clone())),
                None => rename.map(|r| {
                    let old = from_table.column(&r.from).expect("checked above");
                    (r.from.clone(), cast(&column.name, column, old))
                }),
            };
            let inputs = columns_named(&b.using, &from_cols);
            Source {
                only_missing: inputs.is_empty() && feeds.is_none(),
                expr: b.using.clone(),
                inputs,
                feeds,
                why: format!("filled from `{}` ({})", b.using, b.location),
            }
        }
        (Some(r), None) => {
            let old = from_table.column(&r.from).expect("checked above");
            Source {
                expr: cast(&r.from, old, column),
                inputs: vec![r.from.clone()],
                feeds: Some((r.from.clone(), cast(&column.name, column, old))),
                only_missing: false,
                why: format!("renamed from {} ({})", quote_ident(&r.from), r.location),
            }
        }
        (None, None) if column.default_volatile => Source {
            expr: column.default.clone().unwrap_or_default(),
            inputs: Vec::new(),
            feeds: None,
            only_missing: true,
            why: "a volatile default is evaluated once per existing row, in batches".into(),
        },
        (None, None) => return Ok(None),
    };
    Ok(Some(derived(table, column, source, ctx)))
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
    let sync = Sync {
        table,
        target: name,
        expr: &source.expr,
        inputs: source.inputs.clone(),
        feeds: source.feeds.as_ref().map(|(c, e)| (c.as_str(), e.as_str())),
        always: false,
    };
    let default_early = source.feeds.is_none();
    // New rows get the default: no trigger is needed to fill them.
    let needs_sync = !(source.only_missing && column.default.is_some());
    let mut add = StepBuilder::new(id.clone(), "add-column")
        .sql([ddl::column::add(table, &bare)])
        .lock(LockMode::AccessExclusive)
        .explain(format!(
            "added nullable and filled in the backfill phase: {}",
            source.why
        ));
    if let (true, Some(d)) = (default_early, &column.default) {
        add = add.sql([ddl::column::set_default(table, name, d)]);
    }
    if needs_sync {
        add = add.sql(sync.create()).reverse(sync.drop());
    }
    let add = add
        .reverse([ddl::column::drop(table, name)])
        .creating(id.clone());

    let key = BatchKey::of(ctx.from, table);
    let mut set = format!(
        "UPDATE {table} SET {} = {} WHERE {{range}}",
        quote_ident(name),
        source.expr
    );
    if source.only_missing {
        set.push_str(&format!(" AND {} IS NULL", quote_ident(name)));
    }
    let job = Batched::new(
        format!("{table}.{name}:{}", tag(&set)),
        table,
        key.clone(),
        set,
        &ctx.settings,
    );
    let fill = backfill_step(&id, table, &job, &key);

    let mut out = vec![add, fill];
    if column.not_null {
        out.extend(super::column::not_null_via_check(
            table,
            name,
            StepBuilder::new(id.clone(), "set-not-null"),
            Phase::Contract,
        ));
    }
    if !needs_sync {
        return out;
    }
    let mut finish = StepBuilder::new(id.clone(), "drop-sync-trigger")
        .sql(sync.drop())
        .reverse(sync.create())
        .lock(LockMode::AccessExclusive)
        .phase(Phase::Contract);
    if let (false, Some(d)) = (default_early, &column.default) {
        finish = finish
            .sql([ddl::column::set_default(table, name, d)])
            .reverse([ddl::column::drop_default(table, name)]);
    }
    let mut finish = finish.draft();
    // The trigger reads the old columns: it goes before they do.
    if let Some((old, _)) = &source.feeds {
        finish.before_drop_of.push(ObjectId::Column {
            table: table.clone(),
            column: old.clone(),
        });
    }
    finish
        .before_drop_of
        .extend(source.inputs.iter().map(|c| ObjectId::Column {
            table: table.clone(),
            column: c.clone(),
        }));
    out.push(finish);
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
            Statement::new(job.sql())
                .lock(LockMode::RowExclusive, table)
                .hazard(Hazard::WritesRows)
                .non_transactional(),
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
    let mut d = StepBuilder::new(id.clone(), "rename-column")
        .sql([rename(&old.name, &new.name)])
        .reverse([rename(&new.name, &old.name)])
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
