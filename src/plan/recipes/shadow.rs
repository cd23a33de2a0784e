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

use super::sync::Sync;
use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::model::*;
use crate::plan::backfill::{BatchKey, Batched, tag};
use crate::plan::step::{Hazard, LockMode, Phase, Statement};

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

fn eligible<'a>(
    table: &'a QualifiedName,
    from: &'a Column,
    to: &'a Column,
    ctx: &'a Context,
) -> Result<Shadow<'a>, String> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: from.name.clone(),
    };
    let (Some(ft), Some(tt)) = (ctx.from.tables.get(table), ctx.to.tables.get(table)) else {
        return Err("the table is created or dropped".into());
    };
    // The catalogs' columns, with their comments and grants (the change carries the
    // definitions only).
    let (Some(from), Some(to)) = (ft.column(&from.name), tt.column(&to.name)) else {
        return Err("the column is missing from a catalog".into());
    };
    if ft.partition_key.is_some() || ft.partition_of.is_some() || !ft.inherits.is_empty() {
        return Err(
            "partitioned and inheriting tables are not supported by the shadow column".into(),
        );
    }
    let children = ctx.from.tables.values().any(|t| {
        t.inherits.contains(table) || t.partition_of.as_ref().is_some_and(|p| &p.parent == table)
    });
    if children {
        return Err("the table has inheriting tables".into());
    }
    if matches!(ft.replica_identity, ReplicaIdentity::Index(_)) {
        return Err("the table's replica identity is an index, which the swap would drop".into());
    }
    if from.identity.is_some() || to.identity.is_some() {
        return Err("identity columns are changed in place".into());
    }
    if from.generated.is_some() || to.generated.is_some() || from.inherited {
        return Err("generated or inherited columns are changed in place".into());
    }
    if matches!(BatchKey::of(ctx.from, table), BatchKey::Ctid) {
        return Err("the table has no primary key or unique NOT NULL key to batch by".into());
    }
    let col = quote_ident(&from.name);
    let mut moved = Vec::new();
    let mut referencing = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for d in ctx.from_deps.dependents_of(&id) {
        match d {
            ObjectId::Index { table: t, name } if t == table => {
                let index = ft.indexes.get(name).ok_or("an index of a constraint")?;
                if tt.indexes.get(name) != Some(index) {
                    return Err(format!("index {} changes too", quote_ident(name)));
                }
                let template =
                    index_template(&index.definition, &index.name, &col).ok_or_else(|| {
                        format!("index {} is not on plain columns", quote_ident(name))
                    })?;
                moved.push(Moved {
                    name: name.clone(),
                    template,
                    key: None,
                });
                seen.insert(d.clone());
            }
            ObjectId::Constraint { table: t, name } if t == table => {
                let c = &ft.constraints[name];
                if tt.constraints.get(name) != Some(c) {
                    return Err(format!("constraint {} changes too", quote_ident(name)));
                }
                match c.kind {
                    ConstraintKind::PrimaryKey | ConstraintKind::Unique => {
                        let word = if c.kind == ConstraintKind::PrimaryKey {
                            "PRIMARY KEY"
                        } else {
                            "UNIQUE"
                        };
                        let cols = c.columns.iter().map(|c| quote_ident(c)).collect::<Vec<_>>();
                        if c.definition != format!("{word} ({})", cols.join(", ")) {
                            return Err(format!(
                                "key {} has options the swap cannot rebuild",
                                quote_ident(name)
                            ));
                        }
                        let keyed = cols
                            .iter()
                            .map(|c| {
                                if *c == col {
                                    "{column}".to_string()
                                } else {
                                    c.clone()
                                }
                            })
                            .collect::<Vec<_>>();
                        moved.push(Moved {
                            name: name.clone(),
                            template: format!(
                                "CREATE UNIQUE INDEX CONCURRENTLY {{name}} ON {table} USING btree ({})",
                                keyed.join(", ")
                            ),
                            key: Some(c.kind),
                        });
                    }
                    _ => return Err(format!("constraint {} names the column", quote_ident(name))),
                }
                seen.insert(d.clone());
            }
            ObjectId::Constraint { table: other, name } => {
                let c = &ctx.from.tables[other].constraints[name];
                if c.inherited {
                    continue; // goes with the partitioned table's own constraint
                }
                if c.kind != ConstraintKind::ForeignKey || c.references.as_ref() != Some(table) {
                    return Err(format!(
                        "constraint {} on {other} names the column",
                        quote_ident(name)
                    ));
                }
                referencing.push((other.clone(), c.clone()));
                seen.insert(d.clone());
            }
            // Views and materialized views are rebuilt around the swap by the planner.
            ObjectId::View { .. } | ObjectId::MaterializedView { .. } => {}
            other => return Err(format!("{other} depends on the column")),
        }
    }
    // Foreign keys depend on the referenced key rather than on the column.
    for t in ctx.from.tables.values() {
        for c in t.constraints.values() {
            let id = ObjectId::Constraint {
                table: t.name.clone(),
                name: c.name.clone(),
            };
            if c.kind == ConstraintKind::ForeignKey
                && !c.inherited
                && c.references.as_ref() == Some(table)
                && !seen.contains(&id)
                && references_column(&c.definition, &from.name)
            {
                if c.columns
                    .iter()
                    .any(|x| t.name == *table && *x == from.name)
                {
                    return Err("a foreign key from the column to its own table".into());
                }
                referencing.push((t.name.clone(), c.clone()));
            }
        }
    }
    for (t, c) in &referencing {
        if ctx.from.tables[t].partition_key.is_some() {
            return Err(format!(
                "foreign key {} is on a partitioned table, which takes no NOT VALID foreign keys",
                quote_ident(&c.name)
            ));
        }
        let still = ctx
            .to
            .tables
            .get(t)
            .and_then(|t| t.constraints.get(&c.name));
        if still != Some(c) {
            return Err(format!(
                "foreign key {} on {t} changes too",
                quote_ident(&c.name)
            ));
        }
    }
    if ft
        .constraints
        .values()
        .any(|c| c.kind == ConstraintKind::ForeignKey && c.columns.contains(&from.name))
    {
        return Err("a foreign key from the column is checked in place".into());
    }
    let owns = |s: &Sequence| {
        s.owned_by
            .as_ref()
            .is_some_and(|(t, c)| t == table && *c == from.name)
    };
    let owned: Vec<QualifiedName> = ctx
        .from
        .sequences
        .values()
        .filter(|s| owns(s))
        .map(|s| s.name.clone())
        .collect();
    if owned
        .iter()
        .any(|s| !ctx.to.sequences.get(s).is_some_and(owns))
        || ctx
            .to
            .sequences
            .values()
            .any(|s| owns(s) && !owned.contains(&s.name))
    {
        return Err("a sequence owned by the column changes owner".into());
    }
    let backfill = ctx.hints.backfills.get(&ObjectId::Column {
        table: table.clone(),
        column: to.name.clone(),
    });
    // Enums (and arrays of them) cast from text only: convert through it, as ALTER TYPE does.
    let cast = |a: &Column, b: &Column| match super::column::cast_via(a, b, ctx) {
        Some(via) => format!("CAST(CAST({col} AS {via}) AS {})", b.type_name),
        None => format!("CAST({col} AS {})", b.type_name),
    };
    let forward_expr = match backfill {
        Some(b) => b.using.clone(),
        None => cast(from, to),
    };
    let back_expr = match backfill.and_then(|b| b.reverse.clone()) {
        Some(r) => r,
        None => cast(to, from),
    };
    Ok(Shadow {
        table,
        column: &from.name,
        from,
        to,
        shadow: ddl::temp_name(&from.name, "new"),
        old: ddl::temp_name(&from.name, "old"),
        moved,
        referencing,
        owned,
        forward_expr,
        back_expr,
    })
}

/// True when a foreign key's definition lists `column` among the referenced columns.
fn references_column(definition: &str, column: &str) -> bool {
    let Some(pos) = definition.find(" REFERENCES ") else {
        return false;
    };
    let rest = &definition[pos..];
    let (Some(open), Some(close)) = (rest.find('('), rest.find(')')) else {
        return false;
    };
    rest[open + 1..close]
        .split(", ")
        .any(|c| c == quote_ident(column))
}

/// `CREATE [UNIQUE] INDEX CONCURRENTLY {name} ON t USING m ({column}, other)` from an index
/// definition on plain columns; `None` for expressions, predicates or INCLUDE naming it.
fn index_template(definition: &str, name: &str, col: &str) -> Option<String> {
    let rest = definition
        .strip_prefix("CREATE UNIQUE INDEX ")
        .map(|r| ("CREATE UNIQUE INDEX CONCURRENTLY ", r))
        .or_else(|| {
            definition
                .strip_prefix("CREATE INDEX ")
                .map(|r| ("CREATE INDEX CONCURRENTLY ", r))
        })?;
    let (head, rest) = rest;
    let rest = rest.strip_prefix(&format!("{} ON ", quote_ident(name)))?;
    let open = rest.find(" (")?;
    let close = rest.find(')')?;
    let (target, items, tail) = (&rest[..open], &rest[open + 2..close], &rest[close + 1..]);
    if target.starts_with("ONLY ") || tail.contains(col) {
        return None;
    }
    let mut found = false;
    let mut out = Vec::new();
    for item in items.split(", ") {
        let word = item.split(' ').next().unwrap_or(item);
        if item.contains('(') {
            return None;
        }
        if word == col {
            found = true;
            out.push(item.replacen(col, "{column}", 1));
        } else {
            out.push(item.to_string());
        }
    }
    found.then(|| format!("{head}{{name}} ON {target} ({}){tail}", out.join(", ")))
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
            Statement::new(job.sql())
                .lock(LockMode::RowExclusive, t)
                .hazard(Hazard::WritesRows)
                .non_transactional(),
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
            let check = ddl::temp_name(&format!("{}_{name}", t.name), "not_null");
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
