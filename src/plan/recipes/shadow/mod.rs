//! A type change that would rewrite the table, done beside it on a shadow column:
//!
//! - expand: add the shadow column (new type) and a trigger that fills it on every write;
//! - backfill: fill it in batches;
//! - contract: build its indexes concurrently and prove NOT NULL with a validated check, then
//!   one short swap transaction (drop the trigger, drop the old keys and indexes, rename the
//!   columns, move the default and owned sequences, rename the new indexes, keys `USING
//!   INDEX`, foreign keys that reference the column re-added `NOT VALID` and validated
//!   after), and last drop the old column.
//!
//! The way back is the same recipe mirrored: the old column is added back beside the new one
//! and filled from it, its indexes built concurrently, and swapped back.
//!
//! Taken only when everything on the column can be moved this way; anything else (a CHECK or
//! policy naming it, an expression index, a foreign key from it, identity, partitioned or
//! inheriting tables) keeps the in-place `ALTER COLUMN TYPE`, flagged, with the reason.

mod eligible;

use super::sync::Sync;
use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::model::*;
use crate::plan::backfill::{BatchKey, Batched, tag};
use crate::plan::step::{Hazard, LockMode, Phase, Statement};
use eligible::eligible;

/// An index (or the index of a key) on the column, as it must be rebuilt on the shadow.
struct Moved {
    /// Its name (the constraint's, for a key).
    name: String,
    /// `CREATE [UNIQUE] INDEX CONCURRENTLY {name} ON t USING m (...)`, with `{column}` where
    /// the column goes and `{name}` where the name goes.
    template: String,
    /// PRIMARY KEY or UNIQUE constraint built `USING INDEX`, else a plain index.
    key: Option<ConstraintKind>,
}

/// Everything the swap moves.
struct Shadow<'a> {
    table: &'a QualifiedName,
    column: &'a str,
    from: &'a Column,
    to: &'a Column,
    /// The new column's name until the swap.
    shadow: String,
    /// The old column's name from the swap until it is dropped.
    old: String,
    moved: Vec<Moved>,
    /// Foreign keys of other tables (or this one) that reference the column.
    referencing: Vec<(QualifiedName, Constraint)>,
    owned: Vec<QualifiedName>,
    /// The new value from the old row, and the old value from the new one.
    forward_expr: String,
    back_expr: String,
    /// PostgreSQL 18+: a NOT NULL is a named constraint, and the column that takes the name
    /// must take its state's constraint name too (the shadow's is `<table>_<shadow>_not_null`).
    named_not_null: bool,
}

/// The drafts of the shadow-column recipe, or why it cannot be used.
pub(super) fn drafts(
    table: &QualifiedName,
    from: &Column,
    to: &Column,
    ctx: &Context,
) -> Result<Vec<Draft>, String> {
    let s = eligible(table, from, to, ctx)?;
    Ok(s.drafts(ctx))
}

/// True when the shadow-column recipe can move everything on the column.
pub(super) fn applies(table: &QualifiedName, from: &Column, to: &Column, ctx: &Context) -> bool {
    eligible(table, from, to, ctx).is_ok()
}

impl Shadow<'_> {
    fn id(&self) -> ObjectId {
        ObjectId::Column {
            table: self.table.clone(),
            column: self.column.to_string(),
        }
    }

    fn temp_index(&self, m: &Moved, side: &str) -> String {
        ddl::temp_name(&m.name, side)
    }

    /// Build `side` (a column named `name`, of `column`'s type) beside the live one: add it,
    /// the trigger that fills it from `expr`, the batches, its indexes and NOT NULL. Returns
    /// (statements of expand, of backfill, of contract) — the way back runs them all in one.
    fn prepare(
        &self,
        name: &str,
        column: &Column,
        expr: &str,
        side: &str,
        ctx: &Context,
    ) -> [Vec<Statement>; 3] {
        let t = self.table;
        let bare = Column {
            name: name.to_string(),
            default: None,
            default_volatile: false,
            not_null: false,
            identity: None,
            ..column.clone()
        };
        let sync = self.sync(name, expr);
        let lock = |s: Statement| s.lock(LockMode::AccessExclusive, t);
        let set = format!(
            "UPDATE {t} SET {} = ({expr}) WHERE {{range}}",
            quote_ident(name)
        );
        let job = Batched::new(
            format!("{t}.{name}:{}", tag(&set)),
            t,
            BatchKey::of(ctx.from, t),
            set,
            &ctx.settings,
        );
        // A new column starts a new job: whatever progress an earlier one left is stale.
        let mut expand = super::data::state_ddl();
        expand.push(Statement::new(job.forget_sql()));
        expand.push(lock(Statement::new(ddl::column::add(t, &bare))));
        expand.extend(sync.create().into_iter().map(|s| lock(Statement::new(s))));
        let mut backfill: Vec<Statement> = super::data::state_ddl();
        backfill.push(
            Statement::batched(&job)
                .lock(LockMode::RowExclusive, t)
                .hazard(Hazard::WritesRows),
        );
        let mut contract = Vec::new();
        for m in &self.moved {
            let sql = m
                .template
                .replace("{name}", &quote_ident(&self.temp_index(m, side)))
                .replace("{column}", &quote_ident(name));
            contract.push(
                Statement::new(sql)
                    .lock(LockMode::ShareUpdateExclusive, t)
                    .hazard(Hazard::IndexBuild)
                    .non_transactional(),
            );
        }
        if column.not_null {
            let check = ddl::column::not_null_check_name(t, name);
            contract.push(lock(Statement::new(format!(
                "ALTER TABLE {t} ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID",
                quote_ident(&check),
                quote_ident(name)
            ))));
            // Alone, never in the ADD's transaction (which holds ACCESS EXCLUSIVE).
            contract.push(
                Statement::new(ddl::constraint::validate(t, &check))
                    .lock(LockMode::ShareUpdateExclusive, t)
                    .hazard(Hazard::ScansTable)
                    .non_transactional(),
            );
            contract.push(lock(Statement::new(ddl::column::set_not_null(t, name))));
            contract.push(lock(Statement::new(ddl::constraint::drop(t, &check))));
        }
        [expand, backfill, contract]
    }

    fn sync<'s>(&'s self, target: &'s str, expr: &'s str) -> Sync<'s> {
        Sync {
            table: self.table,
            target,
            expr,
            inputs: vec![self.column.to_string()],
            feeds: None,
            always: true,
        }
    }

    /// The swap transaction: `live` (holding `live_col`'s definition) steps aside as
    /// `aside`, `next` (built with `side` index names) takes the column's name and
    /// `next_col`'s default; a trigger keeps `aside` filled from the new column by
    /// `aside_expr`.
    #[allow(clippy::too_many_arguments)]
    fn swap(
        &self,
        live_col: &Column,
        next: &str,
        next_col: &Column,
        aside: &str,
        side: &str,
        next_sync_expr: &str,
        aside_expr: &str,
    ) -> Vec<Statement> {
        let t = self.table;
        let c = self.column;
        // Every table the swap alters, locked at once and in one order, so that the swap
        // cannot deadlock with application transactions halfway.
        let mut tables = vec![t.to_string()];
        for (other, _) in &self.referencing {
            if !tables.contains(&other.to_string()) {
                tables.push(other.to_string());
            }
        }
        let mut sql = vec![format!(
            "LOCK TABLE {} IN ACCESS EXCLUSIVE MODE",
            tables.join(", ")
        )];
        sql.extend(self.sync(next, next_sync_expr).drop());
        for (other, fk) in &self.referencing {
            sql.push(ddl::constraint::drop(other, &fk.name));
        }
        for m in &self.moved {
            sql.push(match m.key {
                Some(_) => ddl::constraint::drop(t, &m.name),
                None => ddl::index::drop(t, &m.name),
            });
        }
        if live_col.default.is_some() {
            sql.push(ddl::column::drop_default(t, c));
        }
        if live_col.not_null {
            sql.push(ddl::column::drop_not_null(t, c));
        }
        let rename = |a: &str, b: &str| {
            format!(
                "ALTER TABLE {t} RENAME COLUMN {} TO {}",
                quote_ident(a),
                quote_ident(b)
            )
        };
        sql.push(rename(c, aside));
        sql.push(rename(next, c));
        if next_col.not_null && self.named_not_null {
            // The live column's NOT NULL was dropped above, so its name is free.
            let now = Column::default_not_null_name(t, next);
            let wanted = next_col.not_null_constraint(t);
            if now != wanted {
                sql.push(ddl::constraint::rename(t, &now, &wanted));
            }
        }
        if let Some(d) = &next_col.default {
            sql.push(ddl::column::set_default(t, c, d));
        }
        // The column that takes the name is new: it gets the comment and grants of its state.
        let id = self.id();
        if next_col.comment.is_some() {
            sql.push(ddl::comment::on(&id, next_col.comment.as_deref()));
        }
        for g in &next_col.grants {
            sql.push(ddl::grant::grant(
                ddl::grant::Target::Column {
                    table: t,
                    column: c,
                },
                g,
            ));
        }
        for s in &self.owned {
            sql.push(format!(
                "ALTER SEQUENCE {s} OWNED BY {t}.{}",
                quote_ident(c)
            ));
        }
        for m in &self.moved {
            let temp = self.temp_index(m, side);
            sql.push(match m.key {
                Some(kind) => format!(
                    "ALTER TABLE {t} ADD CONSTRAINT {} {} USING INDEX {}",
                    quote_ident(&m.name),
                    if kind == ConstraintKind::PrimaryKey {
                        "PRIMARY KEY"
                    } else {
                        "UNIQUE"
                    },
                    quote_ident(&temp)
                ),
                None => ddl::index::rename(t, &temp, &m.name),
            });
        }
        for (other, fk) in &self.referencing {
            let definition = fk.definition.trim_end_matches(" NOT VALID");
            sql.push(format!(
                "ALTER TABLE {other} ADD CONSTRAINT {} {definition} NOT VALID",
                quote_ident(&fk.name),
            ));
        }
        sql.extend(self.sync(aside, aside_expr).create());
        let mut stmts: Vec<Statement> = sql
            .into_iter()
            .map(|s| Statement::new(s).lock(LockMode::AccessExclusive, t))
            .collect();
        for (other, _) in &self.referencing {
            if let Some(first) = stmts.first_mut() {
                *first = first.clone().lock(LockMode::AccessExclusive, other);
            }
        }
        stmts
    }

    fn drafts(&self, ctx: &Context) -> Vec<Draft> {
        let id = self.id();
        let t = self.table;
        let [expand, backfill, contract] =
            self.prepare(&self.shadow, self.to, &self.forward_expr, "new", ctx);
        let [back_expand, back_backfill, back_contract] =
            self.prepare(&self.old, self.from, &self.back_expr, "old", ctx);
        let bare_drop = |name: &str| {
            vec![Statement::new(ddl::column::drop(t, name)).lock(LockMode::AccessExclusive, t)]
        };
        let sync_drop = |name: &str, expr: &str| -> Vec<Statement> {
            self.sync(name, expr)
                .drop()
                .into_iter()
                .map(|s| Statement::new(s).lock(LockMode::AccessExclusive, t))
                .collect()
        };
        let mut out = Vec::new();
        let mut add = StepBuilder::new(id.clone(), "add-shadow-column")
            .stmts(expand)
            .explain(format!(
                "{} {} → {}: built beside the column as {} and swapped in contract, without rewriting the table",
                id, self.from.type_name, self.to.type_name, quote_ident(&self.shadow)
            ));
        for s in sync_drop(&self.shadow, &self.forward_expr)
            .into_iter()
            .chain(bare_drop(&self.shadow))
        {
            add = add.reverse_stmt(s);
        }
        out.push(add.draft());
        let mut fill = StepBuilder::new(id.clone(), "backfill")
            .phase(Phase::Backfill)
            .stmts(backfill);
        fill = fill.explain(format!(
            "{} rows per batch, {} ms apart; resumes after an interruption",
            ctx.settings.batch_rows, ctx.settings.batch_pause_ms
        ));
        out.push(fill.draft());
        let mut build = StepBuilder::new(id.clone(), "prepare-shadow-column")
            .phase(Phase::Contract)
            .stmts(contract);
        // The swap back re-adds the foreign keys NOT VALID: the way back validates them here,
        // after it.
        for (other, fk) in self.referencing.iter().filter(|(_, fk)| fk.validated) {
            build = build.reverse_stmt(
                Statement::new(ddl::constraint::validate(other, &fk.name))
                    .lock(LockMode::ShareUpdateExclusive, other)
                    .lock(LockMode::RowShare, t)
                    .non_transactional(),
            );
        }
        for m in &self.moved {
            build = build.reverse_stmt(
                Statement::new(ddl::index::drop_concurrently_if_exists(
                    t,
                    &self.temp_index(m, "new"),
                ))
                .non_transactional(),
            );
        }
        if self.to.not_null {
            build = build.reverse_stmt(
                Statement::new(ddl::column::drop_not_null(t, &self.shadow))
                    .lock(LockMode::AccessExclusive, t),
            );
        }
        out.push(build.draft());
        let forward = self.swap(
            self.from,
            &self.shadow,
            self.to,
            &self.old,
            "new",
            &self.forward_expr,
            &self.back_expr,
        );
        let back = self.swap(
            self.to,
            &self.old,
            self.from,
            &self.shadow,
            "old",
            &self.back_expr,
            &self.forward_expr,
        );
        let mut swap = StepBuilder::new(id.clone(), "swap-column")
            .phase(Phase::Contract)
            .stmts(forward)
            .explain("one short transaction under lock_timeout: no row is rewritten".to_string())
            .explain(
                "the column moves to the end of the table: `SELECT *` and INSERT without a column list see another order",
            )
            .definitions(&self.from.type_name, &self.to.type_name);
        for s in back {
            swap = swap.reverse_stmt(s);
        }
        // What depends on the column (views) is rebuilt around the swap, and comes back
        // right after it: the scans and drops that follow wait for it.
        out.push(swap.rebuilding(id.clone(), ctx));
        let views: Vec<ObjectId> = ctx
            .from_deps
            .dependents_of(&id)
            .filter(|d| matches!(d, ObjectId::View { .. } | ObjectId::MaterializedView { .. }))
            .cloned()
            .collect();
        let after_views = |mut d: Draft| {
            d.after_create_of.extend(views.iter().cloned());
            d
        };
        for (other, fk) in self.referencing.iter().filter(|(_, fk)| fk.validated) {
            out.push(
                StepBuilder::new(id.clone(), "validate-constraint")
                    .phase(Phase::Contract)
                    .stmt(
                        Statement::new(ddl::constraint::validate(other, &fk.name))
                            .lock(LockMode::ShareUpdateExclusive, other)
                            .lock(LockMode::RowShare, t)
                            .hazard(Hazard::ScansTable),
                    )
                    .draft(),
            );
            let last = out.pop().expect("just pushed");
            out.push(after_views(last));
        }
        let mut drop = StepBuilder::new(id.clone(), "drop-old-column")
            .phase(Phase::Contract)
            .stmts(sync_drop(&self.old, &self.back_expr))
            .stmts(bare_drop(&self.old))
            .explain(format!(
                "the old column stays as {} until here, filled from the new one",
                quote_ident(&self.old)
            ))
            .note(format!(
                "the old column is added back beside {id} and filled from it by `{}`, then swapped back",
                self.back_expr
            ));
        for s in back_expand
            .into_iter()
            .chain(back_backfill)
            .chain(back_contract)
        {
            drop = drop.reverse_stmt(s);
        }
        out.push(after_views(drop.draft()));
        out
    }
}
