//! Collations: created in expand, before the columns, domains and indexes that use them;
//! dropped in contract, after those stop using them. A changed definition comes as a drop
//! and a create (PostgreSQL cannot alter a collation in place), with what uses it rebuilt
//! around them or the plan refused (`rebuild`).

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::plan::PlanError;
use crate::plan::step::Hazard;

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    _ctx: &Context,
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
        other => {
            return Err(PlanError::Internal(format!(
                "not a collation change: {}",
                other.kind()
            )));
        }
    })
}
