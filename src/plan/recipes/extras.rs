//! Comments and grants.

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::ddl::grant::Target;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{LockMode, Phase};

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    let b = b.no_lock();
    let mut d = match change {
        Change::SetComment { object, from, to } => {
            // Both run where the object is: the old one's when the comment goes with it.
            let state = if to.is_none() { ctx.from } else { ctx.to };
            let sql = |c: &Option<String>| comment_sql(state, ctx, object, c.as_deref());
            let (s, r) = (sql(to), sql(from));
            // COMMENT ON a table, view or column takes SHARE UPDATE EXCLUSIVE on the
            // relation (measured by `verify`); on other objects, no relation lock. COMMENT ON
            // STATISTICS locks the statistics object only, COMMENT ON RULE its relation in
            // ACCESS SHARE (measured with pg_locks): nothing a writer waits for.
            let b = if matches!(object, ObjectId::Statistics { .. } | ObjectId::Rule { .. }) {
                b
            } else {
                b.lock(LockMode::ShareUpdateExclusive)
            };
            b.sql([s]).reverse([r]).draft()
        }
        Change::Grant { object, grant } => {
            let target = target(ctx.to, ctx, object)?;
            // Only the grant option is new when the privilege itself was already there.
            let undo = if holds(ctx.from, object, grant) {
                ddl::grant::revoke_grant_option(target, grant)
            } else {
                ddl::grant::revoke(target, grant)
            };
            b.sql([ddl::grant::grant(target, grant)])
                .reverse(std::iter::once(undo).chain(column_regrants(ctx.from, object, grant)))
                .draft()
        }
        Change::Revoke { object, grant } => {
            let target = target(ctx.from, ctx, object)?;
            let sql = if holds(ctx.to, object, grant) {
                ddl::grant::revoke_grant_option(target, grant)
            } else {
                ddl::grant::revoke(target, grant)
            };
            b.sql(std::iter::once(sql).chain(column_regrants(ctx.to, object, grant)))
                .reverse([ddl::grant::grant(target, grant)])
                .phase(Phase::Contract)
                .draft()
        }
        other => {
            return Err(PlanError::Internal(format!(
                "not an extra: {}",
                other.kind()
            )));
        }
    };
    // Taking something away happens while the object still exists; adding, once it does.
    let object = change.object();
    let removing = matches!(
        change,
        Change::Revoke { .. } | Change::SetComment { to: None, .. }
    );
    if removing {
        d.before_drop_of.push(object);
    } else {
        d.after_create_of.push(object);
    }
    Ok(vec![d])
}

/// Revoking a privilege on a table revokes it on each of its columns too: the column-level
/// grants of that privilege to that grantee that `state` (where the REVOKE leads) holds are
/// granted again right after it.
fn column_regrants(state: &Catalog, object: &ObjectId, g: &Grant) -> Vec<String> {
    let ObjectId::Table { name } = object else {
        return Vec::new();
    };
    let Some(t) = state.tables.get(name) else {
        return Vec::new();
    };
    t.columns
        .iter()
        .flat_map(|c| {
            c.grants
                .iter()
                .filter(|cg| cg.grantee == g.grantee && cg.privilege == g.privilege)
                .map(|cg| {
                    let target = Target::Column {
                        table: name,
                        column: &c.name,
                    };
                    ddl::grant::grant(target, cg)
                })
        })
        .collect()
}

/// The kind of function `id` is in `state` (where the statement runs), else in the other
/// state: a function may become a procedure or an aggregate under the same signature, and
/// what is said about the old one runs before it is dropped.
fn function_kind(state: &Catalog, ctx: &Context, id: &FunctionId) -> FunctionKind {
    [state, ctx.to, ctx.from]
        .into_iter()
        .find_map(|c| c.functions.get(id))
        .map_or(FunctionKind::Function, |f| f.kind)
}

fn is_domain(ctx: &Context, name: &QualifiedName) -> bool {
    ctx.to.domains.contains_key(name) || ctx.from.domains.contains_key(name)
}

/// A type that is a domain in `state` (an enum may become a domain of the same name).
fn is_domain_in(state: &Catalog, ctx: &Context, name: &QualifiedName) -> bool {
    state.domains.contains_key(name) || (!state.has_type(name) && is_domain(ctx, name))
}

fn comment_sql(state: &Catalog, ctx: &Context, object: &ObjectId, comment: Option<&str>) -> String {
    match object {
        ObjectId::Function { id } => {
            ddl::comment::function(id, function_kind(state, ctx, id), comment)
        }
        ObjectId::Type { name } if is_domain(ctx, name) => ddl::comment::domain(name, comment),
        _ => ddl::comment::on(object, comment),
    }
}

/// The GRANT/REVOKE target of `object` as it is in `state` (the state the statement runs in).
pub(super) fn target<'a>(
    state: &Catalog,
    ctx: &Context,
    object: &'a ObjectId,
) -> Result<Target<'a>, PlanError> {
    Ok(match object {
        ObjectId::Table { name }
        | ObjectId::View { name }
        | ObjectId::MaterializedView { name } => Target::Table(name),
        ObjectId::Column { table, column } => Target::Column { table, column },
        ObjectId::Sequence { name } => Target::Sequence(name),
        ObjectId::Function { id } => Target::Function(id, function_kind(state, ctx, id)),
        ObjectId::Schema { name } => Target::Schema(name),
        ObjectId::Type { name } if is_domain_in(state, ctx, name) => Target::Domain(name),
        ObjectId::Type { name } => Target::Type(name),
        other => {
            return Err(PlanError::Unsupported {
                object: other.clone(),
                reason: "privileges cannot be granted on this kind of object".into(),
            });
        }
    })
}

/// Whether `cat` grants the same privilege to the same grantee on `object` (with or without
/// grant option).
fn holds(cat: &Catalog, object: &ObjectId, g: &Grant) -> bool {
    let same = |set: &crate::model::Set<Grant>| {
        set.iter()
            .any(|x| x.grantee == g.grantee && x.privilege == g.privilege)
    };
    match object {
        ObjectId::Table { name } => cat.tables.get(name).is_some_and(|t| same(&t.grants)),
        ObjectId::View { name } | ObjectId::MaterializedView { name } => {
            cat.views.get(name).is_some_and(|v| same(&v.grants))
        }
        ObjectId::Column { table, column } => cat
            .tables
            .get(table)
            .and_then(|t| t.column(column))
            .is_some_and(|c| same(&c.grants)),
        ObjectId::Sequence { name } => cat.sequences.get(name).is_some_and(|s| same(&s.grants)),
        ObjectId::Function { id } => cat.functions.get(id).is_some_and(|f| same(&f.grants)),
        ObjectId::Schema { name } => cat.schemas.get(name).is_some_and(|s| same(&s.grants)),
        ObjectId::Type { name } => cat.type_grants(name).is_some_and(same),
        _ => false,
    }
}
