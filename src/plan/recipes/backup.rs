//! Drops that keep the data, so that the way back brings every value back:
//!
//! - a dropped column: contract copies its (key, value) pairs into `schemadiff_backup` in
//!   batches (reads only), then drops it; the reverse adds it back and restores every value;
//! - a dropped table: moved into `schemadiff_backup` under a tagged name (instant), not
//!   dropped; the reverse moves it back, rows and all.
//!
//! Every backup is registered in `schemadiff.backups` (`schemadiff backups list|purge`).

use super::data::state_ddl;
use super::{Context, Draft, StepBuilder};
use crate::bookkeeping;
use crate::ddl;
use crate::model::*;
use crate::plan::backfill::{BatchKey, Batched, tag};
use crate::plan::step::{Hazard, LockMode, Phase, Statement};

/// The step kind of a table moved to the backup schema: its parts are dropped one by one
/// (their forward is not implied by a DROP TABLE).
pub const MOVE_TABLE: &str = "move-table-to-backup";

fn register(
    ctx: &Context,
    name: &str,
    kind: &str,
    table: &QualifiedName,
    column: Option<&str>,
    keys: &[String],
) -> Statement {
    Statement::new(format!(
        "INSERT INTO {}.backups (backup, kind, source_schema, source_table, source_column, key_columns, plan) VALUES ({}, {}, {}, {}, {}, ARRAY[{}]::text[], {})",
        quote_ident(bookkeeping::STATE_SCHEMA),
        quote_literal(name),
        quote_literal(kind),
        quote_literal(&table.schema),
        quote_literal(&table.name),
        column.map_or("NULL".to_string(), quote_literal),
        keys.iter()
            .map(|k| quote_literal(k))
            .collect::<Vec<_>>()
            .join(", "),
        quote_literal(&ctx.plan_tag)
    ))
}

/// The sequence a `nextval('seq'::regclass)` default draws from, as written in it.
fn nextval_sequence(default: &str) -> Option<String> {
    let rest = default.strip_prefix("nextval('")?;
    let end = rest.find("'::regclass)")?;
    Some(rest[..end].replace("''", "'"))
}

/// The suffix of a backup's name: this plan and exactly what is kept, so that two schemas'
/// tables of one name (or `a__b`.`c` and `a`.`b__c`) never share a backup.
fn backup_tag(table: &QualifiedName, column: Option<&str>, ctx: &Context) -> String {
    tag(&format!(
        "{}\0{}\0{}\0{}",
        ctx.plan_tag,
        table.schema,
        table.name,
        column.unwrap_or_default()
    ))
}

fn unregister(name: &str) -> Statement {
    Statement::new(format!(
        "DELETE FROM {}.backups WHERE backup = {}",
        quote_ident(bookkeeping::STATE_SCHEMA),
        quote_literal(name)
    ))
}

/// A dropped table kept whole: its parts (keys, indexes, triggers, policies) are dropped by
/// their own steps, defaults that call a sequence are taken off (the plan may drop the
/// sequence), then the table is renamed and moved into `schemadiff_backup`. `None` when it
/// cannot be kept that way (backups off, partitions or inheritance, a column of a type the
/// plan drops).
pub(super) fn drop_table_to_backup(t: &Table, ctx: &Context) -> Option<Draft> {
    let from_t = ctx.from.tables.get(&t.name)?;
    let family = from_t.partition_key.is_some()
        || from_t.partition_of.is_some()
        || !from_t.inherits.is_empty()
        || ctx.from_tables.parents.contains(&t.name);
    // Columns of a type or collation the plan drops (or rebuilds) are kept as text (of the
    // default collation) in the backup, and converted back on the way back (after the type
    // or collation is created again).
    let typed_away: Vec<&Column> = from_t
        .columns
        .iter()
        .filter(|c| {
            let id = ObjectId::Column {
                table: t.name.clone(),
                column: c.name.clone(),
            };
            ctx.from_deps.deps_of(&id).any(|d| {
                matches!(d, ObjectId::Type { .. } | ObjectId::Collation { .. })
                    && (ctx.dropped.contains(d) || ctx.recreated.contains(d))
            })
        })
        .collect();
    // A table of an access method the plan drops moves to heap in the backup (a rewrite),
    // or it would hold the access method; before PostgreSQL 15 it cannot, and is dropped.
    let am_away = from_t.access_method.as_ref().filter(|am| {
        let id = ObjectId::AccessMethod {
            name: am.to_string(),
        };
        ctx.dropped.contains(&id) || ctx.recreated.contains(&id)
    });
    let old_server = ctx.hints.server_version.is_some_and(|v| v < 150000);
    if !ctx.settings.backups || family || (am_away.is_some() && old_server) {
        return None;
    }
    let id = ObjectId::Table {
        name: t.name.clone(),
    };
    let backup_name = ddl::temp_name(&t.name.name, &backup_tag(&t.name, None, ctx));
    let renamed = QualifiedName::new(t.name.schema.clone(), backup_name.clone());
    let backup = QualifiedName::new(bookkeeping::BACKUP_SCHEMA, backup_name.clone());
    // Defaults that would tie the moved table to a sequence or function the plan drops are
    // taken off (and put back by the reverse).
    let sequenced: Vec<&Column> = from_t
        .columns
        .iter()
        .filter(|c| {
            let id = ObjectId::Column {
                table: t.name.clone(),
                column: c.name.clone(),
            };
            c.default.as_ref().is_some_and(|d| d.contains("nextval("))
                || (c.default.is_some()
                    && c.generated.is_none()
                    && ctx
                        .from_deps
                        .deps_of(&id)
                        .any(|d| matches!(d, ObjectId::Function { .. }) && ctx.dropped.contains(d)))
        })
        .collect();
    let lock =
        |s: String, rel: &QualifiedName| Statement::new(s).lock(LockMode::AccessExclusive, rel);
    let travelling = travelling_indexes(from_t, ctx);
    let mut b = StepBuilder::new(id.clone(), MOVE_TABLE)
        .phase(Phase::Contract)
        .stmts(state_ddl());
    for c in &sequenced {
        b = b.stmt(lock(ddl::column::drop_default(&t.name, &c.name), &t.name));
    }
    // The indexes that go along (keys' included) are renamed first: index names are unique
    // per schema, and two schemas' tables may have indexes of one name. So are identity
    // sequences, which SET SCHEMA moves with their table.
    for (name, tagged) in &travelling {
        b = b.stmt(
            lock(
                format!(
                    "ALTER INDEX {} RENAME TO {}",
                    QualifiedName::new(t.name.schema.clone(), name.clone()),
                    quote_ident(tagged)
                ),
                &t.name,
            )
            .hazard(Hazard::BreaksOldCode),
        );
    }
    let sequences = identity_sequences(from_t, ctx);
    for (name, tagged) in &sequences {
        b = b.stmts(
            ddl::sequence::rename(name, &tagged.name)
                .into_iter()
                .map(|s| lock(s, &t.name).hazard(Hazard::BreaksOldCode)),
        );
    }
    b = b
        .stmt(lock(
            format!(
                "ALTER TABLE {} RENAME TO {}",
                t.name,
                quote_ident(&backup_name)
            ),
            &t.name,
        ).hazard(Hazard::BreaksOldCode))
        .stmt(
            lock(
                format!(
                    "ALTER TABLE {renamed} SET SCHEMA {}",
                    quote_ident(bookkeeping::BACKUP_SCHEMA)
                ),
                &renamed,
            )
            .hazard(Hazard::BreaksOldCode),
        )
        .stmts(typed_away.iter().map(|c| {
            lock(
                format!(
                    "ALTER TABLE {backup} ALTER COLUMN {col} DROP DEFAULT, ALTER COLUMN {col} TYPE text USING {col}::text",
                    col = quote_ident(&c.name)
                ),
                &backup,
            )
        }))
        .stmts(am_away.map(|_| {
            lock(ddl::access_method::set(&backup, false, None), &backup)
                .hazard(Hazard::RewritesTable)
        }))
        .stmt(register(ctx, &backup_name, "table", &t.name, None, &[]))
        .reverse_stmts(am_away.map(|am| {
            lock(ddl::access_method::set(&backup, false, Some(am)), &backup)
        }))
        .reverse_stmts(typed_away.iter().map(|c| {
            let col = quote_ident(&c.name);
            let collate = c
                .collation
                .as_ref()
                .map_or_else(String::new, |n| format!(" COLLATE {n}"));
            let mut sql = format!(
                "ALTER TABLE {backup} ALTER COLUMN {col} TYPE {ty}{collate} USING {col}::{ty}",
                ty = c.type_name
            );
            if let Some(d) = &c.default {
                sql.push_str(&format!(", ALTER COLUMN {col} SET DEFAULT {d}"));
            }
            lock(sql, &backup)
        }))
        .reverse_stmt(lock(
            format!(
                "ALTER TABLE {backup} SET SCHEMA {}",
                quote_ident(&t.name.schema)
            ),
            &backup,
        ))
        .reverse_stmt(lock(
            format!(
                "ALTER TABLE {renamed} RENAME TO {}",
                quote_ident(&t.name.name)
            ),
            &renamed,
        ));
    for (name, tagged) in &travelling {
        b = b.reverse_stmt(lock(
            format!(
                "ALTER INDEX {} RENAME TO {}",
                QualifiedName::new(t.name.schema.clone(), tagged.clone()),
                quote_ident(name)
            ),
            &t.name,
        ));
    }
    for (name, tagged) in &sequences {
        b = b.reverse_stmts(
            ddl::sequence::rename(tagged, &name.name)
                .into_iter()
                .map(|s| lock(s, &t.name)),
        );
    }
    for c in &sequenced {
        let default = c.default.as_deref().unwrap_or_default();
        b = b.reverse_stmt(lock(
            ddl::column::set_default(&t.name, &c.name, default),
            &t.name,
        ));
        // The plan dropped the sequence and its way back created it anew: it continues after
        // the rows that came back, not at its start.
        if let Some(seq) = nextval_sequence(default) {
            b = b.reverse_stmt(
                Statement::new(format!(
                    "SELECT setval({}::regclass, (SELECT max({}) FROM {}))",
                    quote_literal(&seq),
                    quote_ident(&c.name),
                    t.name
                ))
                .lock(LockMode::AccessShare, &t.name),
            );
        }
    }
    let mut d = b
        .reverse_stmt(unregister(&backup_name))
        .explain(format!(
            "kept, rows and all, as {backup} (no lock beyond an instant rename)"
        ))
        .note(format!(
            "{} is moved back from {backup} with all its rows",
            t.name
        ))
        .draft();
    d.drops.push(id);
    Some(d)
}

/// The indexes a table moved to the backup schema takes along — its plain indexes and those
/// of its keys that stand on its own columns only (`implied::blank_implied` leaves them to
/// the move) — each with the tagged name it carries there.
fn travelling_indexes(t: &Table, ctx: &Context) -> Vec<(String, String)> {
    let own = |dep: &ObjectId| match dep {
        ObjectId::Column { table, .. } | ObjectId::Table { name: table } => *table == t.name,
        _ => false,
    };
    let indexes = t.indexes.keys().filter(|name| {
        let id = ObjectId::Index {
            table: t.name.clone(),
            name: (*name).clone(),
        };
        ctx.from_deps.deps_of(&id).all(own)
    });
    let keys = t
        .constraints
        .values()
        .filter(|c| {
            matches!(
                c.kind,
                ConstraintKind::PrimaryKey | ConstraintKind::Unique | ConstraintKind::Exclude
            )
        })
        .filter(|c| {
            let id = ObjectId::Constraint {
                table: t.name.clone(),
                name: c.name.clone(),
            };
            ctx.from_deps.deps_of(&id).all(own)
        })
        .map(|c| &c.name);
    indexes
        .chain(keys)
        .map(|name| {
            let tag = backup_tag(&t.name, Some(&format!("index {name}")), ctx);
            (name.clone(), ddl::temp_name(name, &tag))
        })
        .collect()
}

/// The identity sequences of a table moved to the backup schema, each with the tagged name
/// it travels under (renamed in place, before the move).
fn identity_sequences(t: &Table, ctx: &Context) -> Vec<(QualifiedName, QualifiedName)> {
    t.columns
        .iter()
        .filter_map(|c| {
            let name = c.identity.as_ref()?.sequence_name(&t.name, &c.name);
            let tag = backup_tag(&t.name, Some(&format!("sequence {}", name.name)), ctx);
            let tagged = QualifiedName::new(name.schema.clone(), ddl::temp_name(&name.name, &tag));
            Some((name, tagged))
        })
        .collect()
}

/// A dropped column whose values are kept: contract copies (key, value) into
/// `schemadiff_backup` in batches, then drops the column. The reverse adds it back and
/// restores every value (from the new columns when a rename or split says how, else from the
/// backup). `None` when no backup can be made (no key, no backups, generated or identity).
pub(super) fn drop_column_with_backup(
    table: &QualifiedName,
    column: &Column,
    ctx: &Context,
) -> Option<Vec<Draft>> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: column.name.clone(),
    };
    let key = BatchKey::of(ctx.from, table);
    if !ctx.settings.backups
        || key == BatchKey::Ctid
        || column.generated.is_some()
        || column.identity.is_some()
        || key.columns().contains(&column.name)
    {
        return None;
    }
    let keys = key.columns();
    let backup_name = ddl::temp_name(
        &format!("{}__{}", table.name, column.name),
        &backup_tag(table, Some(&column.name), ctx),
    );
    let backup = QualifiedName::new(bookkeeping::BACKUP_SCHEMA, backup_name.clone());
    let cols = |prefix: &str| {
        keys.iter()
            .chain(std::iter::once(&column.name))
            .map(|c| format!("{prefix}{}", quote_ident(c)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let key_list = keys
        .iter()
        .map(|c| quote_ident(c))
        .collect::<Vec<_>>()
        .join(", ");
    // A copy of a column whose collation the plan drops (or recreates) would keep the
    // collation, and with it the copy would stop the DROP COLLATION: it takes the default.
    let collation_goes = column.collation.as_ref().is_some_and(|n| {
        let c = ObjectId::Collation { name: n.clone() };
        ctx.dropped.contains(&c) || ctx.recreated.contains(&c)
    });
    // So would a copy of a column whose type the plan drops (or recreates) stop its DROP
    // TYPE: it is kept as text, and converted back on the way back.
    let column_id = ObjectId::Column {
        table: table.clone(),
        column: column.name.clone(),
    };
    let type_goes = ctx.from_deps.deps_of(&column_id).any(|d| {
        matches!(d, ObjectId::Type { .. }) && (ctx.dropped.contains(d) || ctx.recreated.contains(d))
    });
    let backup_columns = if type_goes {
        let keys = keys.iter().map(|k| format!("{}, ", quote_ident(k)));
        let col = quote_ident(&column.name);
        format!("{}{col}::text AS {col}", keys.collect::<String>())
    } else if collation_goes {
        let keys = keys.iter().map(|k| format!("{}, ", quote_ident(k)));
        let col = quote_ident(&column.name);
        format!(
            "{}{col} COLLATE pg_catalog.\"default\" AS {col}",
            keys.collect::<String>()
        )
    } else {
        cols("")
    };
    let copy = Batched::new(
        format!("backup {backup}"),
        table,
        key.clone(),
        format!(
            "INSERT INTO {backup} ({}) SELECT {} FROM {table} WHERE {{range}}",
            cols(""),
            cols("")
        ),
        &ctx.settings,
    );
    let feeds_back = ctx.reverse_expr_of(table, &column.name);
    let restore = match &feeds_back {
        Some(expr) => Batched::new(
            format!("restore {table}.{} from new columns", column.name),
            table,
            key.clone(),
            format!(
                "UPDATE {table} SET {} = {expr} WHERE {{range}}",
                quote_ident(&column.name)
            ),
            &ctx.settings,
        ),
        None => {
            let join = keys
                .iter()
                .map(|k| format!("{table}.{k} = b.{k}", k = quote_ident(k)))
                .collect::<Vec<_>>()
                .join(" AND ");
            Batched::new(
                format!("restore {table}.{} from {backup}", column.name),
                &backup,
                key.clone(),
                format!(
                    "UPDATE {table} SET {c} = b.{c}{cast} FROM {backup} AS b WHERE {join} AND {{range}}",
                    c = quote_ident(&column.name),
                    cast = if type_goes {
                        format!("::{}", column.type_name)
                    } else {
                        String::new()
                    }
                ),
                &ctx.settings,
            )
            .with_alias("b")
        }
    };
    let nullable = Column {
        not_null: false,
        ..column.clone()
    };
    let (sync_create, sync_drop) = super::data::feeding_syncs(table, &column.name, ctx);
    let at = |sql: String| Statement::new(sql).lock(LockMode::AccessExclusive, table);
    let mut step = StepBuilder::new(id.clone(), "drop-column")
        .phase(Phase::Contract)
        .stmts(state_ddl())
        .stmt(Statement::new(copy.forget_sql()))
        .stmt(
            Statement::new(format!(
                "CREATE TABLE {backup} AS SELECT {backup_columns} FROM {table} WITH NO DATA"
            ))
            .lock(LockMode::AccessShare, table),
        )
        .stmt(Statement::new(format!(
            "ALTER TABLE {backup} ADD PRIMARY KEY ({key_list})"
        )))
        .stmt(register(
            ctx,
            &backup_name,
            "column",
            table,
            Some(&column.name),
            keys,
        ))
        .stmt(
            Statement::batched(&copy)
                .lock(LockMode::AccessShare, table)
                .hazard(Hazard::ScansTable),
        )
        // The triggers that keep the column filled from new code's writes go in the drop's
        // transaction, and come back before it is refilled.
        .stmts(sync_drop.into_iter().map(at))
        .stmt(
            Statement::new(ddl::column::drop(table, &column.name))
                .lock(LockMode::AccessExclusive, table)
                .hazard(Hazard::BreaksOldCode),
        )
        .reverse_stmt(
            Statement::new(ddl::column::add(table, &nullable))
                .lock(LockMode::AccessExclusive, table),
        )
        .reverse_stmts(sync_create.into_iter().map(at))
        .reverse_stmt(Statement::new(restore.forget_sql()))
        .reverse_stmt(
            Statement::batched(&restore)
                .lock(LockMode::RowExclusive, table)
                .hazard(Hazard::WritesRows),
        );
    if column.not_null {
        step = step.reverse_stmt(
            Statement::new(ddl::column::set_not_null(table, &column.name))
                .lock(LockMode::AccessExclusive, table)
                .hazard(Hazard::LockedScan),
        );
    }
    step = step
        .reverse_stmt(Statement::new(format!("DROP TABLE {backup}")))
        .reverse_stmt(unregister(&backup_name))
        .reverse_stmt(Statement::new(restore.forget_sql()))
        .explain(format!(
            "the values of {id} are copied to {backup} (key {key_list}) before the drop"
        ))
        .note(match feeds_back {
            Some(_) => format!(
                "{id} is added back and refilled from the columns that replaced it; a copy is in {backup}"
            ),
            None => format!("{id} is added back and refilled from {backup}"),
        });
    let mut d = step.draft();
    d.drops.push(id);
    Some(vec![d])
}
