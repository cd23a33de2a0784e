//! Publications: created in expand after their tables, dropped in contract before them.
//! A changed one is altered in two steps: what it gains (members added, members whose column
//! list or row filter changes dropped and added again, options) in expand, after the tables
//! and columns it names are made; what it loses in contract, before those tables and columns
//! are dropped (PostgreSQL refuses to drop a column a column list or row filter names). Each
//! step's reverse takes the publication back to the state before it.

use super::{Context, Draft, StepBuilder};
use crate::ddl::publication as ddl;
use crate::diff::Change;
use crate::model::{ObjectId, Publication, QualifiedName};
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode, Phase};

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    let id = change.object();
    Ok(match change {
        Change::CreatePublication(p) => {
            let b = b.sql([ddl::create(p)]).reverse([ddl::drop(p)]).no_lock();
            vec![locking(b, p.tables.iter().map(|t| &t.name)).creating(id)]
        }
        Change::DropPublication(p) => {
            let b = b
                .sql([ddl::drop(p)])
                .reverse([ddl::create(p)])
                .no_lock()
                .hazard(Hazard::BreaksOldCode)
                .explain("subscriptions to this publication stop receiving changes");
            vec![locking(b, p.tables.iter().map(|t| &t.name)).dropping(id)]
        }
        Change::AlterPublication { from, to } => {
            let mid = gained(from, to);
            let mut out = Vec::new();
            let forward = ddl::additions(from, &mid);
            if !forward.is_empty() {
                let back = ddl::removals(&mid, from)
                    .into_iter()
                    .chain(ddl::additions(&mid, from));
                let b = b.clone_for().sql(forward).reverse(back).no_lock();
                let touched = touched(from, &mid);
                out.push(altering(locking(b, touched.iter()), &id, ctx, from, to));
            }
            let forward = ddl::removals(&mid, to);
            if !forward.is_empty() {
                let b = b
                    .sql(forward)
                    .reverse(ddl::additions(to, &mid))
                    .no_lock()
                    .hazard(Hazard::BreaksOldCode)
                    .explain(
                        "subscriptions stop receiving the changes of what leaves the publication",
                    )
                    .phase(Phase::Contract);
                let touched = touched(&mid, to);
                out.push(altering(locking(b, touched.iter()), &id, ctx, from, to));
            }
            out
        }
        other => {
            return Err(PlanError::Internal(format!(
                "not a publication change: {}",
                other.kind()
            )));
        }
    })
}

/// The tables of publication `name` that the plan drops and creates again (a partition key
/// change) leave it with the drop: the publication's change becomes two, one that takes
/// them out (before the drops) and one from there to the desired publication (after the
/// creates). Nothing when no member is recreated.
pub(crate) fn around_recreated(
    changes: &mut Vec<Change>,
    name: &str,
    from: &crate::model::Catalog,
    to: &crate::model::Catalog,
) {
    let (Some(f), Some(t)) = (from.publications.get(name), to.publications.get(name)) else {
        return;
    };
    // A publication the plan drops and makes again (FOR ALL TABLES turned on or off) lets go
    // of its tables with the drop: there is nothing to alter around them.
    let remade = changes
        .iter()
        .any(|c| matches!(c, Change::DropPublication(p) if p.name == name));
    if remade || f.all_tables != t.all_tables {
        return;
    }
    let recreated = |table: &QualifiedName| {
        let dropped = changes
            .iter()
            .any(|c| matches!(c, Change::DropTable(x) if &x.name == table));
        let created = changes
            .iter()
            .any(|c| matches!(c, Change::CreateTable(x) if &x.name == table));
        dropped && created
    };
    let mut mid = f.clone();
    mid.tables.retain(|m| !recreated(&m.name));
    if mid.tables.len() == f.tables.len() {
        return;
    }
    changes.retain(|c| !matches!(c, Change::AlterPublication { to, .. } if to.name == name));
    changes.push(Change::AlterPublication {
        from: f.clone(),
        to: mid.clone(),
    });
    if &mid != t {
        changes.push(Change::AlterPublication {
            from: mid,
            to: t.clone(),
        });
    }
}

/// A step that changes the publication in place: it runs while the old state's members
/// (and the columns they name) still exist and after the new state's are made. The change's
/// own two publications say which those are: a change planned around a recreated table
/// (`around_recreated`) has that table on one side only, where the catalogs' dependencies
/// of the publication would wait for both its drop and its create (a cycle). The
/// publication is not in the step's `creates`, which would bring those dependencies back.
fn altering(
    b: StepBuilder,
    id: &ObjectId,
    ctx: &Context,
    from: &Publication,
    to: &Publication,
) -> Draft {
    let names = |p: &Publication, o: &ObjectId| match o {
        ObjectId::Table { name } | ObjectId::Column { table: name, .. } => p.table(name).is_some(),
        _ => true,
    };
    let mut d = b.draft();
    d.before_drop_of.extend(
        ctx.from_deps
            .deps_of(id)
            .filter(|o| names(from, o))
            .cloned(),
    );
    d.after_create_of
        .extend(ctx.to_deps.deps_of(id).filter(|o| names(to, o)).cloned());
    d
}

/// Adding a table to a publication or dropping it takes SHARE UPDATE EXCLUSIVE on it.
fn locking<'a>(mut b: StepBuilder, tables: impl Iterator<Item = &'a QualifiedName>) -> StepBuilder {
    for t in tables {
        b = b.stmt_locks(LockMode::ShareUpdateExclusive, t);
    }
    b
}

/// `from` with everything `to` gains: `to`'s members and options, and `from`'s members
/// that `to` no longer has.
fn gained(from: &Publication, to: &Publication) -> Publication {
    let mut mid = to.clone();
    for t in &from.tables {
        if to.table(&t.name).is_none() {
            mid.tables.push(t.clone());
        }
    }
    mid.tables.sort_by(|a, b| a.name.cmp(&b.name));
    for s in &from.schemas {
        if !to.schemas.contains(s) {
            mid.schemas.push(s.clone());
        }
    }
    mid.schemas.sort();
    mid
}

/// The tables whose membership differs between `a` and `b`.
fn touched(a: &Publication, b: &Publication) -> Vec<QualifiedName> {
    let mut out: Vec<QualifiedName> = a
        .tables
        .iter()
        .filter(|t| b.table(&t.name) != Some(t))
        .chain(b.tables.iter().filter(|t| a.table(&t.name).is_none()))
        .map(|t| t.name.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}
