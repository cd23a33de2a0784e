//! Views and materialized views.

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode};

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    use Change::*;
    let id = change.object();
    Ok(match change {
        CreateView(v) => {
            let mut s = b
                .sql([ddl::view::create_any(v)])
                .reverse([drop_sql(v)])
                .no_lock()
                .reverse_lock(LockMode::AccessExclusive);
            if v.materialized && v.populated {
                s = s.hazard(Hazard::ScansTable);
            }
            let mut d = s.creating(id);
            d.creates.extend(columns(v));
            vec![d]
        }
        DropView(v) => {
            let mut d = b
                .sql([drop_sql(v)])
                .reverse([ddl::view::create_any(v)])
                .lock(LockMode::AccessExclusive)
                .hazard(Hazard::BreaksOldCode)
                .dropping(id);
            d.drops.extend(columns(v));
            vec![d]
        }
        ReplaceView { from, to } => vec![
            b.sql([ddl::view::create_or_replace(to)])
                .reverse([ddl::view::create_or_replace(from)])
                .lock(LockMode::AccessExclusive)
                .definitions(&from.definition, &to.definition)
                .altering(id, ctx),
        ],
        other => {
            return Err(PlanError::Internal(format!(
                "not a view change: {}",
                other.kind()
            )));
        }
    })
}

fn drop_sql(v: &View) -> String {
    if v.materialized {
        ddl::view::drop_materialized(&v.name)
    } else {
        ddl::view::drop(&v.name)
    }
}

fn columns(v: &View) -> impl Iterator<Item = ObjectId> + '_ {
    v.columns.iter().map(|c| ObjectId::Column {
        table: v.name.clone(),
        column: c.name.clone(),
    })
}
