//! Collations: created in expand, before the columns, domains and indexes that use them;
//! dropped in contract, after those stop using them. A changed definition is rebuilt in one
//! step (PostgreSQL cannot alter a collation in place): the old one is renamed away, the new
//! one created, every column that keeps using it moved over with `ALTER COLUMN TYPE ...
//! COLLATE` (no rewrite: the type stays; its indexes and keys are rebuilt), the old one
//! dropped. What depends on those columns or on the collation itself (views, indexes naming
//! it) is rebuilt around the step (`rebuild`); a domain or composite type that uses it makes
//! the plan refuse.

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::model::{Catalog, Collation, Column, ObjectId, QualifiedName, quote_ident};
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode, Phase};
use std::collections::BTreeSet;

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    let id = change.object();
    Ok(match change {
        // No relation is locked: CREATE and DROP COLLATION lock only the collation.
        Change::CreateCollation(c) => vec![
            b.sql([ddl::collation::create(c)])
                .reverse([ddl::collation::drop(&c.name)])
                .no_lock()
                .creating(id),
        ],
        Change::DropCollation(c) => vec![
            b.sql([ddl::collation::drop(&c.name)])
                .reverse([ddl::collation::create(c)])
                .no_lock()
                // Queries of old code that name it with COLLATE fail.
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        Change::RebuildCollation { from, to } => {
            let moved = kept_columns(ctx.from, ctx.to, &from.name, false);
            let mut b = b
                .sql(rebuild_sql(from, to, &moved))
                .reverse(rebuild_sql(to, from, &moved))
                .no_lock()
                // Old code's queries now sort and compare by the new definition.
                .hazard(Hazard::BreaksOldCode)
                .phase(Phase::Contract);
            let tables: BTreeSet<&QualifiedName> = moved.iter().map(|(t, _)| t).collect();
            for t in &tables {
                b = b.stmt_locks(LockMode::AccessExclusive, t);
            }
            if !tables.is_empty() {
                // The indexes and keys of the moved columns are rebuilt under that lock.
                b = b.hazard(Hazard::IndexBuild);
            }
            let mut d = b
                .definitions(&ddl::collation::create(from), &ddl::collation::create(to))
                .rebuilding(id, ctx);
            let columns: Vec<ObjectId> = moved
                .into_iter()
                .map(|(table, c)| ObjectId::Column {
                    table,
                    column: c.name,
                })
                .collect();
            d.drops.extend(columns.iter().cloned());
            d.creates.extend(columns);
            vec![d]
        }
        other => {
            return Err(PlanError::Internal(format!(
                "not a collation change: {}",
                other.kind()
            )));
        }
    })
}

/// Rename `from` away, create `to`, move `columns` to it, drop the old one; `to`'s comment.
fn rebuild_sql(
    from: &Collation,
    to: &Collation,
    columns: &[(QualifiedName, Column)],
) -> Vec<String> {
    let old_name = ddl::temp_name(&from.name.name, "schemadiff_old");
    let old = QualifiedName::new(from.name.schema.clone(), old_name.clone());
    let mut sql = vec![
        format!(
            "ALTER COLLATION {} RENAME TO {}",
            from.name,
            quote_ident(&old_name)
        ),
        ddl::collation::create(to),
    ];
    for (table, c) in columns {
        sql.push(format!(
            "ALTER TABLE {table} ALTER COLUMN {} TYPE {} COLLATE {}",
            quote_ident(&c.name),
            c.type_name,
            to.name
        ));
    }
    sql.push(ddl::collation::drop(&old));
    if let Some(comment) = &to.comment {
        let id = ObjectId::Collation {
            name: to.name.clone(),
        };
        sql.push(ddl::comment::on(&id, Some(comment)));
    }
    sql
}

/// Columns of `cat` whose collation is `name`; `inherited` ones too when asked (the
/// statement on a parent moves its children's columns along).
fn columns_of(
    cat: &Catalog,
    name: &QualifiedName,
    inherited: bool,
) -> Vec<(QualifiedName, Column)> {
    cat.tables
        .values()
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .filter(|(_, c)| (inherited || !c.inherited) && c.collation.as_ref() == Some(name))
        .map(|(t, c)| (t.name.clone(), c.clone()))
        .collect()
}

/// Columns of collation `name` in `from` that `to` keeps, of the same type and collation:
/// the ones a rebuild moves over (a column the plan drops or changes goes on its own).
fn kept_columns(
    from: &Catalog,
    to: &Catalog,
    name: &QualifiedName,
    inherited: bool,
) -> Vec<(QualifiedName, Column)> {
    columns_of(from, name, inherited)
        .into_iter()
        .filter(|(t, c)| {
            to.tables
                .get(t)
                .and_then(|t| t.column(&c.name))
                .is_some_and(|k| k.type_name == c.type_name && k.collation == c.collation)
        })
        .collect()
}

/// The ids of [`kept_columns`], inherited ones included: the rebuild step moves them all.
pub(crate) fn kept_collation_columns(
    from: &Catalog,
    to: &Catalog,
    name: &QualifiedName,
) -> Vec<ObjectId> {
    ids(kept_columns(from, to, name, true))
}

/// Every column of `cat` of collation `name`.
pub(crate) fn collation_column_ids(cat: &Catalog, name: &QualifiedName) -> Vec<ObjectId> {
    ids(columns_of(cat, name, true))
}

fn ids(columns: Vec<(QualifiedName, Column)>) -> Vec<ObjectId> {
    columns
        .into_iter()
        .map(|(table, c)| ObjectId::Column {
            table,
            column: c.name,
        })
        .collect()
}
