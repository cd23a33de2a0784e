//! Owner changes (`--owners`).
//!
//! Phase: an object that stays changes owner in **contract**. Old and new application code
//! run side by side until then, and the change takes the old owner's implicit privileges
//! away (and its grants with them): old code running as the old owner would break, as with
//! a revoke, which is contract too. The new owner gains its privileges only then: new code
//! that needs them before contract needs them granted otherwise. An object the plan creates
//! gets its owner right after the create, in the create's phase (nothing uses it yet); one
//! it drops is taken back by the connecting user right before the drop (contract), so that
//! the drop's way back, which creates it as the connecting user, gives it back its owner.
//!
//! Lock: `ALTER TABLE | VIEW | MATERIALIZED VIEW | SEQUENCE ... OWNER TO` takes ACCESS
//! EXCLUSIVE on the relation (and a table's moves its indexes and owned sequences with it);
//! the other kinds lock no relation.

use super::extras::target;
use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::{Change, OwnerChangeAt};
use crate::model::{Catalog, FunctionKind, ObjectId};
use crate::plan::PlanError;
use crate::plan::step::Phase;

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    let Change::AlterOwner {
        object,
        at,
        from,
        to,
        grant_old,
        revoke_new,
    } = change
    else {
        return Err(PlanError::Internal(format!(
            "not an owner change: {}",
            change.kind()
        )));
    };
    let created = *at == OwnerChangeAt::AfterCreate;
    let dropped = *at == OwnerChangeAt::BeforeDrop;
    // Where each statement runs: the forward where the object ends up, except before a drop.
    let state = if dropped { ctx.from } else { ctx.to };
    let statement = |state: &Catalog, role: Option<&str>| {
        let (kind, domain) = shape(state, ctx, object);
        ddl::owner::alter(object, kind, domain, role).ok_or_else(|| PlanError::Unsupported {
            object: object.clone(),
            reason: "this kind of object has no owner of its own".into(),
        })
    };
    let forward_target = target(state, ctx, object);
    let mut forward = Vec::new();
    let mut reverse = Vec::new();
    if !revoke_new.is_empty() || !grant_old.is_empty() {
        let from_target = target(ctx.from, ctx, object)?;
        let to_target = forward_target?;
        forward.extend(
            revoke_new
                .iter()
                .map(|g| ddl::grant::revoke(from_target, g)),
        );
        forward.push(statement(state, to.as_deref())?);
        forward.extend(grant_old.iter().map(|g| ddl::grant::grant(to_target, g)));
        reverse.extend(grant_old.iter().map(|g| ddl::grant::revoke(to_target, g)));
        reverse.push(statement(state, from.as_deref())?);
        reverse.extend(revoke_new.iter().map(|g| ddl::grant::grant(from_target, g)));
    } else {
        forward.push(statement(state, to.as_deref())?);
        reverse.push(statement(state, from.as_deref())?);
    }
    let b = match object {
        ObjectId::Table { .. }
        | ObjectId::View { .. }
        | ObjectId::MaterializedView { .. }
        | ObjectId::Sequence { .. } => b,
        _ => b.no_lock(),
    };
    let phase = if created {
        Phase::Expand
    } else {
        Phase::Contract
    };
    let mut d = b
        .sql(forward)
        .reverse(reverse)
        .phase(phase)
        .explain(if phase == Phase::Expand {
            "owner given right after the create: nothing uses the object yet"
        } else {
            "in contract: the old owner loses its privileges, which old code may still use"
        })
        .draft();
    if dropped {
        d.before_drop_of.push(object.clone());
    } else {
        d.after_create_of.push(object.clone());
    }
    Ok(vec![d])
}

/// The function kind of a function id and whether a type id is a domain, in `state`, else
/// in the other state.
fn shape(state: &Catalog, ctx: &Context, object: &ObjectId) -> (FunctionKind, bool) {
    match object {
        ObjectId::Function { id } => (
            [state, ctx.to, ctx.from]
                .into_iter()
                .find_map(|c| c.functions.get(id))
                .map_or(FunctionKind::Function, |f| f.kind),
            false,
        ),
        ObjectId::Type { name } => (
            FunctionKind::Function,
            [state, ctx.to, ctx.from]
                .into_iter()
                .find(|c| c.has_type(name))
                .is_some_and(|c| c.domains.contains_key(name)),
        ),
        _ => (FunctionKind::Function, false),
    }
}
