//! Enums: created and dropped; labels added (`ADD VALUE`, each outside a transaction, its way
//! back a rebuild), renamed one for one, or the type rebuilt (renamed away, created again,
//! columns converted through text), with what depends on it rebuilt around.

use super::objects::with_no_public;
use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode, Phase, Statement};

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    use Change::*;
    let id = change.object();
    Ok(match change {
        CreateEnum(t) => vec![
            b.sql(with_no_public(
                ddl::enum_type::create(t),
                ddl::grant::Target::Type(&t.name),
            ))
            .reverse([ddl::enum_type::drop(&t.name)])
            .no_lock()
            .creating(id),
        ],
        DropEnum(t) => vec![
            b.sql([ddl::enum_type::drop(&t.name)])
                .reverse(with_no_public(
                    ddl::enum_type::create(t),
                    ddl::grant::Target::Type(&t.name),
                ))
                .no_lock()
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        AddEnumValues { from, to } => {
            let mut sql = Vec::new();
            for (i, v) in to.values.iter().enumerate() {
                if from.values.contains(v) {
                    continue;
                }
                let position = match i.checked_sub(1).map(|p| &to.values[p]) {
                    Some(prev) => ddl::enum_type::Position::After(prev),
                    None => match to.values.get(1) {
                        Some(next) => ddl::enum_type::Position::Before(next),
                        None => ddl::enum_type::Position::End,
                    },
                };
                sql.push(ddl::enum_type::add_value(&to.name, v, position));
            }
            // Labels cannot be removed in place: the way back rebuilds the type, and with it
            // whatever depends on its columns — planned like any rebuild, from `to` to `from`.
            let (reverse, note) = match reverse_by_rebuild(to, from, ctx) {
                Ok(sql) => (sql, None),
                Err(e) => (
                    Vec::new(),
                    Some(format!(
                        "the added labels cannot be taken out automatically ({e})"
                    )),
                ),
            };
            let mut b = b;
            for s in reverse {
                b = b.reverse_stmt(s);
            }
            let mut d = b
                .sql(sql)
                .note_if(note)
                .no_lock()
                // A label added in a transaction block cannot be used (or positioned
                // against) before commit: one statement at a time.
                .non_transactional()
                .definitions(&from.values.join("\n"), &to.values.join("\n"))
                .altering(id, ctx);
            // The way back rebuilds the type with the columns both sides have: the plan's
            // new columns of the type come after this step, so their reverse goes first.
            let new_columns = enum_columns(ctx.to, &to.name)
                .into_iter()
                .filter(|(t, c)| {
                    ctx.from
                        .tables
                        .get(t)
                        .and_then(|t| t.column(&c.name))
                        .is_none()
                })
                .map(|(table, c)| ObjectId::Column {
                    table,
                    column: c.name,
                });
            d.before_create_of.extend(new_columns);
            vec![d]
        }
        RenameEnumValues { from, to } => {
            let rename = |a: &EnumType, b: &EnumType| -> Vec<String> {
                a.values
                    .iter()
                    .zip(&b.values)
                    .filter(|(x, y)| x != y)
                    .map(|(x, y)| ddl::enum_type::rename_value(&b.name, x, y))
                    .collect()
            };
            // What names a label (an index predicate, a check, a default) goes before the
            // rename and comes back after it.
            // Old code writing an old label fails once it is renamed.
            vec![
                b.sql(rename(from, to))
                    .reverse(rename(to, from))
                    .no_lock()
                    .hazard(Hazard::BreaksOldCode)
                    .phase(Phase::Contract)
                    .definitions(&from.values.join("\n"), &to.values.join("\n"))
                    .rebuilding(id, ctx),
            ]
        }
        RebuildEnum { from, to } => {
            // Every column of the type is converted: its table is rewritten under ACCESS
            // EXCLUSIVE, and old code writing a removed label fails.
            let mut b = b
                .sql(rebuild_enum_sql(from, to, ctx.from, ctx.to))
                .reverse(rebuild_enum_sql(to, from, ctx.to, ctx.from))
                .no_lock()
                .hazard(Hazard::RewritesTable)
                .hazard(Hazard::BreaksOldCode)
                .phase(Phase::Contract);
            let tables: std::collections::BTreeSet<QualifiedName> =
                kept_enum_columns(ctx.from, ctx.to, &from.name)
                    .into_iter()
                    .map(|(t, _)| t)
                    .collect();
            for t in &tables {
                b = b.stmt_locks(LockMode::AccessExclusive, t);
            }
            let mut d = b
                .definitions(&from.values.join("\n"), &to.values.join("\n"))
                .rebuilding(id, ctx);
            // The columns are converted inside the step; what depends on them is rebuilt.
            let columns: Vec<ObjectId> = kept_enum_columns(ctx.from, ctx.to, &from.name)
                .into_iter()
                .map(|(t, c)| ObjectId::Column {
                    table: t,
                    column: c.name,
                })
                .collect();
            d.drops.extend(columns.iter().cloned());
            d.creates.extend(columns);
            vec![d]
        }
        other => {
            return Err(PlanError::Internal(format!(
                "enums::drafts called for {}",
                other.kind()
            )));
        }
    })
}

/// The statements that rebuild enum `from` into `to` in the `to` state of the plan (so: the
/// way back), with the views, functions, ... that depend on it rebuilt around, as the
/// planner would for a forward rebuild.
fn reverse_by_rebuild(
    from: &EnumType,
    to: &EnumType,
    ctx: &Context,
) -> Result<Vec<Statement>, PlanError> {
    let change = Change::RebuildEnum {
        from: from.clone(),
        to: to.clone(),
    };
    // When the way back reaches this step, the columns of the type are `ctx.from`'s: the
    // plan's new ones are dropped already, the dropped ones (and moved tables) are back.
    let mut at_reverse = ctx.to.clone();
    for (table, _) in enum_columns(ctx.to, &from.name) {
        if let Some(t) = at_reverse.tables.get_mut(&table) {
            let kept = |c: &Column| {
                ctx.from
                    .tables
                    .get(&table)
                    .and_then(|f| f.column(&c.name))
                    .is_some()
            };
            let (scalar, array) = (from.name.to_string(), format!("{}[]", from.name));
            t.columns
                .retain(|c| (c.type_name != scalar && c.type_name != array) || kept(c));
        }
    }
    for (table, c) in enum_columns(ctx.from, &to.name) {
        let Some(ft) = ctx.from.tables.get(&table) else {
            continue;
        };
        let t = at_reverse
            .tables
            .entry(table.clone())
            .or_insert_with(|| ft.clone());
        if t.column(&c.name).is_none() {
            t.columns.push(c);
        }
    }
    let sub = crate::plan::plan_with_deps(
        &at_reverse,
        ctx.from,
        vec![change],
        (ctx.to_deps, ctx.from_deps),
        (ctx.settings, &crate::plan::Hints::default(), &ctx.plan_tag),
    )?;
    Ok(sub.into_iter().flat_map(|s| s.forward).collect())
}

/// Columns of `cat` whose type is the enum `name` or an array of it.
fn enum_columns(cat: &Catalog, name: &QualifiedName) -> Vec<(QualifiedName, Column)> {
    let scalar = name.to_string();
    let array = format!("{scalar}[]");
    cat.tables
        .values()
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .filter(|(_, c)| !c.inherited && (c.type_name == scalar || c.type_name == array))
        .map(|(t, c)| (t.name.clone(), c.clone()))
        .collect()
}

/// Columns of `cat` of the enum `name` that `target` keeps: a column the plan creates or
/// drops (with its table or alone) is not there when the type is rebuilt (on the way back,
/// the new columns are dropped first; going forward, the dropped ones go first).
fn kept_enum_columns(
    cat: &Catalog,
    target: &Catalog,
    name: &QualifiedName,
) -> Vec<(QualifiedName, Column)> {
    enum_columns(cat, name)
        .into_iter()
        .filter(|(t, c)| {
            target
                .tables
                .get(t)
                .and_then(|t| t.column(&c.name))
                .is_some()
        })
        .collect()
}

/// Rebuild an enum whose labels were removed or reordered: rename the old type away, create
/// the new one, convert every column through text, drop the old type. `cat` is the catalog
/// the statements run against (its columns are converted); `target` gives the defaults the
/// converted columns end with (the old default may name a label that is gone).
fn rebuild_enum_sql(
    from: &EnumType,
    to: &EnumType,
    cat: &Catalog,
    target: &Catalog,
) -> Vec<String> {
    let old_name = format!("{}__schemadiff_old", to.name.name);
    let old = QualifiedName::new(to.name.schema.clone(), old_name.clone());
    let mut sql = vec![format!(
        "ALTER TYPE {} RENAME TO {}",
        from.name,
        quote_ident(&old_name)
    )];
    sql.extend(with_no_public(
        ddl::enum_type::create(to),
        ddl::grant::Target::Type(&to.name),
    ));
    for (table, c) in kept_enum_columns(cat, target, &from.name) {
        let is_array = c.type_name.ends_with("[]");
        let (via, ty) = if is_array {
            ("text[]", format!("{}[]", to.name))
        } else {
            ("text", to.name.to_string())
        };
        if c.default.is_some() {
            sql.push(ddl::column::drop_default(&table, &c.name));
        }
        sql.push(format!(
            "ALTER TABLE {table} ALTER COLUMN {col} TYPE {ty} USING {col}::{via}::{ty}",
            col = quote_ident(&c.name)
        ));
        let target_default = target
            .tables
            .get(&table)
            .and_then(|t| t.column(&c.name))
            .filter(|t| t.type_name == c.type_name)
            .and_then(|t| t.default.as_ref());
        if let Some(d) = target_default {
            sql.push(ddl::column::set_default(&table, &c.name, d));
        }
    }
    sql.push(ddl::enum_type::drop(&old));
    let id = ObjectId::Type {
        name: to.name.clone(),
    };
    if let Some(c) = &to.comment {
        sql.push(ddl::comment::on(&id, Some(c)));
    }
    for g in &to.grants {
        sql.push(ddl::grant::grant(ddl::grant::Target::Type(&to.name), g));
    }
    sql
}
