//! Access methods, and moving a table or materialized view to another table access method.
//!
//! `CREATE ACCESS METHOD` runs in expand, before the tables made `USING` it (they depend on
//! it); `DROP ACCESS METHOD` in contract, after the tables using it are dropped or moved off
//! it. Neither locks a relation. `SET ACCESS METHOD` (PostgreSQL 15+) rewrites the relation
//! under ACCESS EXCLUSIVE, like `SET LOGGED`; on an older server the plan refuses, naming
//! the relation (recreating a table would lose its rows).

use super::{Context, Draft, StepBuilder};
use crate::ddl::access_method as ddl;
use crate::diff::Change;
use crate::model::ObjectId;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode};

pub(super) fn drafts(
    change: &Change,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    let id = change.object();
    Ok(match change {
        Change::CreateAccessMethod(a) => vec![
            b.sql([ddl::create(a)])
                .reverse([ddl::drop(a)])
                .no_lock()
                .creating(id),
        ],
        Change::DropAccessMethod(a) => vec![
            b.sql([ddl::drop(a)])
                .reverse([ddl::create(a)])
                .no_lock()
                // Old code's `CREATE TABLE ... USING` or `CREATE INDEX ... USING` fails.
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        Change::SetAccessMethod { relation, from, to } => {
            let (name, materialized) = match relation {
                ObjectId::Table { name } => (name, false),
                ObjectId::MaterializedView { name } => (name, true),
                other => {
                    return Err(PlanError::Internal(format!(
                        "set-access-method on {other}, not a table or materialized view"
                    )));
                }
            };
            if ctx.hints.server_version.is_some_and(|v| v < 150000) {
                return Err(PlanError::Unsupported {
                    object: relation.clone(),
                    reason: format!(
                        "its table access method changes from {} to {}, and ALTER ... SET ACCESS METHOD needs PostgreSQL 15; on this server, create a copy of it USING the new method, move the rows and swap the names by hand",
                        from.as_deref().unwrap_or("heap"),
                        to.as_deref().unwrap_or("heap")
                    ),
                });
            }
            let mut d = b
                .sql([ddl::set(name, materialized, to.as_deref())])
                .reverse([ddl::set(name, materialized, from.as_deref())])
                .lock(LockMode::AccessExclusive)
                .hazard(Hazard::RewritesTable)
                .altering(relation.clone(), ctx);
            // As `alter-table`: claiming to create the relation would put everything on it
            // after this step, in a cycle with what the rewrite waits for.
            d.creates.retain(|c| c != relation);
            d.after_create_of.push(relation.clone());
            vec![d]
        }
        other => {
            return Err(PlanError::Internal(format!(
                "not an access method change: {}",
                other.kind()
            )));
        }
    })
}
