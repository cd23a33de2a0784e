//! The plan steps of the renames: the renames (expand) and, for an online rename, the view
//! that keeps the old name working and its drop (contract).

use super::{ObjectRename, describe, keyword, relation};
use crate::ddl::grant as ddl_grant;
use crate::model::{Catalog, Grant, ObjectId, quote_ident};
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode, Phase, Statement, Step};

/// The view that keeps the old name working: every column of the old relation, under the
/// same names, with the same privileges. A table with row-level security gets
/// `security_invoker`, so the policies still apply to whoever writes through the view.
fn old_name_view(r: &ObjectRename, from: &Catalog) -> Vec<String> {
    let old = relation(&r.old).unwrap();
    let new = relation(&r.new).unwrap();
    let found = relation(&r.found).unwrap();
    let (columns, grants, column_grants, rls): (Vec<&str>, _, Vec<(&str, &Grant)>, bool) =
        match from.tables.get(&found) {
            Some(t) => (
                t.columns.iter().map(|c| c.name.as_str()).collect(),
                &t.grants,
                t.columns
                    .iter()
                    .flat_map(|c| c.grants.iter().map(move |g| (c.name.as_str(), g)))
                    .collect(),
                t.rls_enabled,
            ),
            None => {
                let v = &from.views[&found];
                (
                    v.columns.iter().map(|c| c.name.as_str()).collect(),
                    &v.grants,
                    Vec::new(),
                    false,
                )
            }
        };
    let list: Vec<String> = columns.iter().map(|c| quote_ident(c)).collect();
    let options = if rls {
        " WITH (security_invoker = true)"
    } else {
        ""
    };
    let mut out = vec![format!(
        "CREATE VIEW {old}{options} AS SELECT {} FROM {new}",
        list.join(", ")
    )];
    // TRUNCATE, MAINTAIN and the like do not apply to a view.
    let on_view = [
        "SELECT",
        "INSERT",
        "UPDATE",
        "DELETE",
        "REFERENCES",
        "TRIGGER",
    ];
    for g in grants
        .iter()
        .filter(|g| on_view.contains(&g.privilege.as_str()))
    {
        out.push(ddl_grant::grant(ddl_grant::Target::Table(&old), g));
    }
    for (column, g) in column_grants {
        out.push(ddl_grant::grant(
            ddl_grant::Target::Column {
                table: &old,
                column,
            },
            g,
        ));
    }
    out
}

/// The steps of the renames: the renames themselves (expand, first) and the drops of the
/// old-name views (contract, first: before any contract step drops a column they show).
pub fn steps(renames: &[ObjectRename], from: &Catalog) -> (Vec<Step>, Vec<Step>) {
    let mut expand = Vec::new();
    let mut contract = Vec::new();
    for r in renames {
        let kind = format!(
            "rename-{}",
            keyword(&r.found, from).to_lowercase().replace(' ', "-")
        );
        let mut step = Step::new(r.new.clone(), &kind);
        step.phase = Phase::Expand;
        step.definition_change = Some((describe(&r.old), describe(&r.new)));
        let mut forward = r.statements_locked(from, false);
        let mut reverse: Vec<Statement> = Vec::new();
        if r.online() {
            let old = relation(&r.old).unwrap();
            forward.extend(old_name_view(r, from).into_iter().map(Statement::new));
            reverse.push(
                Statement::new(crate::ddl::view::drop(&old)).lock(LockMode::AccessExclusive, &old),
            );
            step.notes.push(format!(
                "old code keeps using {old} through a view over the new name until contract; COPY, TRUNCATE and DDL do not work through a view"
            ));
            let mut drop = Step::new(ObjectId::View { name: old.clone() }, "drop-old-name-view");
            drop.phase = Phase::Contract;
            drop.forward = vec![
                Statement::new(crate::ddl::view::drop(&old))
                    .lock(LockMode::AccessExclusive, &old)
                    .hazard(Hazard::BreaksOldCode),
            ];
            drop.reverse = old_name_view(r, from)
                .into_iter()
                .map(Statement::new)
                .collect();
            drop.notes.push(format!(
                "the old name {old} stops working: old code must be gone"
            ));
            contract.push(drop);
        } else if let Some(table) = &r.implied_by {
            step.notes.push(format!(
                "follows the rename of {table}, as PostgreSQL names it"
            ));
        } else if !matches!(r.old, ObjectId::Index { .. }) {
            for s in &mut forward {
                s.hazards.insert(Hazard::BreaksOldCode);
            }
            step.notes
                .push(format!("old code that names {} fails from here on", r.old));
        }
        reverse.extend(r.statements_locked(from, true));
        step.forward = forward;
        step.reverse = reverse;
        expand.push(step);
    }
    (expand, contract)
}

/// Refuse what an old-name view would make fail: a column type change of the renamed
/// relation before contract (PostgreSQL refuses to retype a column a view shows), and a
/// table with row-level security on a server before PostgreSQL 15 (`server_version`, as
/// `server_version_num`; `None`: not known, taken as new enough), which has no
/// `security_invoker`: a view there reads the table as its owner, past the policies.
pub fn check(
    renames: &[ObjectRename],
    rest: &[Step],
    from: &Catalog,
    server_version: Option<i32>,
) -> Result<(), PlanError> {
    for r in renames.iter().filter(|r| r.online()) {
        let found = relation(&r.found).unwrap();
        let rls = from.tables.get(&found).is_some_and(|t| t.rls_enabled);
        if rls && server_version.is_some_and(|v| v < 150000) {
            return Err(PlanError::Unsupported {
                object: r.new.clone(),
                reason: format!(
                    "{}: the renamed {} has row-level security, and the view that keeps its old name working until contract needs security_invoker (PostgreSQL 15+) to apply the policies; this server is older: use mode=instant",
                    r.location, r.old
                ),
            });
        }
        let new = relation(&r.new).unwrap();
        if let Some(s) = rest.iter().find(|s| {
            s.phase != Phase::Contract
                && s.kind == "alter-column-type"
                && matches!(&s.object, ObjectId::Column { table, .. } if *table == new)
        }) {
            return Err(PlanError::Unsupported {
                object: s.object.clone(),
                reason: format!(
                    "{}: the renamed {} keeps its old name as a view until contract, and a view's column cannot change type; rename in one migration and change the type in the next, or use mode=instant",
                    r.location, r.old
                ),
            });
        }
    }
    Ok(())
}
