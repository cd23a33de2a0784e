//! Comments and grants.

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::ddl::grant::Target;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Lock, Phase};

pub(super) fn drafts(change: &Change, b: StepBuilder, ctx: &Context) -> Result<Vec<Draft>, PlanError> {
    let b = b.lock(Lock::None);
    let mut d = match change {
        Change::SetComment { object, from, to } => {
            let sql = |c: &Option<String>| comment_sql(ctx, object, c.as_deref());
            let (s, r) = (sql(to), sql(from));
            b.sql([s]).reverse([r]).draft()
        }
        Change::Grant { object, grant } => {
            let target = target(ctx, object)?;
            b.sql([ddl::grant::grant(target, grant)])
                .reverse([ddl::grant::revoke(target, grant)])
                .draft()
        }
        Change::Revoke { object, grant } => {
            let target = target(ctx, object)?;
            b.sql([ddl::grant::revoke(target, grant)])
                .reverse([ddl::grant::grant(target, grant)])
                .phase(Phase::Contract)
                .draft()
        }
        other => return Err(PlanError::Internal(format!("not an extra: {}", other.kind()))),
    };
    // Taking something away happens while the object still exists; adding, once it does.
    let object = change.object();
    let removing = matches!(change, Change::Revoke { .. } | Change::SetComment { to: None, .. });
    if removing {
        d.before_drop_of.push(object);
    } else {
        d.after_create_of.push(object);
    }
    Ok(vec![d])
}

fn function_kind(ctx: &Context, id: &FunctionId) -> FunctionKind {
    ctx.to
        .functions
        .get(id)
        .or_else(|| ctx.from.functions.get(id))
        .map_or(FunctionKind::Function, |f| f.kind)
}

fn is_domain(ctx: &Context, name: &QualifiedName) -> bool {
    ctx.to.domains.contains_key(name) || ctx.from.domains.contains_key(name)
}

fn comment_sql(ctx: &Context, object: &ObjectId, comment: Option<&str>) -> String {
    match object {
        ObjectId::Function { id } => ddl::comment::function(id, function_kind(ctx, id), comment),
        ObjectId::Type { name } if is_domain(ctx, name) => ddl::comment::domain(name, comment),
        _ => ddl::comment::on(object, comment),
    }
}

fn target<'a>(ctx: &Context, object: &'a ObjectId) -> Result<Target<'a>, PlanError> {
    Ok(match object {
        ObjectId::Table { name } | ObjectId::View { name } | ObjectId::MaterializedView { name } => {
            Target::Table(name)
        }
        ObjectId::Column { table, column } => Target::Column { table, column },
        ObjectId::Sequence { name } => Target::Sequence(name),
        ObjectId::Function { id } => Target::Function(id, function_kind(ctx, id)),
        ObjectId::Schema { name } => Target::Schema(name),
        ObjectId::Type { name } if is_domain(ctx, name) => Target::Domain(name),
        ObjectId::Type { name } => Target::Type(name),
        other => {
            return Err(PlanError::Unsupported {
                object: other.clone(),
                reason: "privileges cannot be granted on this kind of object".into(),
            });
        }
    })
}
