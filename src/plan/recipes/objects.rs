//! Schemas, extensions, domains, composite types, sequences and functions (sequence options
//! in `sequence`, enums in `enums`).

use super::sequence::{alter_sequence_sql, owned_by_draft};
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
        CreateSchema(s) => vec![
            b.sql([ddl::schema::create(&s.name)])
                .reverse([ddl::schema::drop(&s.name)])
                .no_lock()
                .creating(id),
        ],
        DropSchema(s) => vec![
            b.sql([ddl::schema::drop(&s.name)])
                .reverse([ddl::schema::create(&s.name)])
                .no_lock()
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        CreateExtension(e) => vec![
            b.sql([ddl::extension::create(e)])
                .reverse([ddl::extension::drop(&e.name)])
                .no_lock()
                .creating(id),
        ],
        DropExtension(e) => vec![
            b.sql([ddl::extension::drop(&e.name)])
                .reverse([ddl::extension::create(e)])
                .no_lock()
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        AlterExtension { from, to } => {
            let one_way = ctx.hints.one_way_extensions.contains(&to.name);
            let alter = |a: &Extension, b: &Extension, version: bool| {
                let mut sql = Vec::new();
                if a.schema != b.schema {
                    sql.push(ddl::extension::set_schema(&b.name, &b.schema));
                }
                if a.version != b.version && version {
                    sql.push(ddl::extension::update(&b.name, &b.version));
                }
                sql
            };
            let mut b = b
                .sql(alter(from, to, true))
                .reverse(alter(to, from, !one_way))
                .no_lock();
            if one_way {
                b = b.note(format!(
                    "extension {} stays at version {}: the server has no update path back to {}",
                    to.name, to.version, from.version
                ));
            }
            if from.schema != to.schema {
                // Code that names the extension's objects by schema finds them gone.
                b = b.hazard(Hazard::BreaksOldCode);
            }
            vec![b.altering(id, ctx)]
        }
        CreateDomain(d) => vec![
            b.sql(with_no_public(
                ddl::domain::create(d),
                ddl::grant::Target::Domain(&d.name),
            ))
            .reverse([ddl::domain::drop(&d.name)])
            .no_lock()
            .creating(id),
        ],
        DropDomain(d) => vec![
            b.sql([ddl::domain::drop(&d.name)])
                .reverse(with_no_public(
                    ddl::domain::create(d),
                    ddl::grant::Target::Domain(&d.name),
                ))
                .no_lock()
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        AlterDomain { from, to } => {
            // A new NOT NULL or check is verified against every column of the domain's
            // type, under SHARE on their tables (writes wait; PostgreSQL has no online way
            // for domains: VALIDATE takes the same lock).
            let tightens = (to.not_null && !from.not_null)
                || to
                    .checks
                    .iter()
                    .any(|(n, c)| from.checks.get(n).map(|f| &f.definition) != Some(&c.definition));
            // Columns of this domain and of domains over it (checked by `verify`: a domain
            // over a domain is checked too).
            let mut types = vec![to.name.to_string()];
            loop {
                let more: Vec<String> = ctx
                    .from
                    .domains
                    .values()
                    .map(|d| d.name.to_string())
                    .filter(|n| !types.contains(n))
                    .filter(|n| {
                        ctx.from
                            .domains
                            .values()
                            .any(|d| &d.name.to_string() == n && types.contains(&d.base_type))
                    })
                    .collect();
                if more.is_empty() {
                    break;
                }
                types.extend(more);
            }
            let arrays: Vec<String> = types.iter().map(|t| format!("{t}[]")).collect();
            let mut b = b
                .sql(alter_domain_sql(from, to))
                .reverse(alter_domain_sql(to, from))
                .no_lock();
            let mut used = false;
            for t in ctx.from.tables.values() {
                if t.columns.iter().any(|c| {
                    !c.inherited && (types.contains(&c.type_name) || arrays.contains(&c.type_name))
                }) {
                    b = b.stmt_locks(LockMode::Share, &t.name);
                    used = true;
                }
            }
            if tightens && used {
                b = b.hazard(Hazard::LockedScan);
            }
            // Tighter, old code's values may be refused; looser (a check, NOT NULL or default
            // gone), old code may meet values it never saw.
            let loosens = (from.not_null && !to.not_null)
                || (from.default.is_some() && to.default.is_none())
                || from
                    .checks
                    .iter()
                    .any(|(n, c)| to.checks.get(n).map(|t| &t.definition) != Some(&c.definition));
            if tightens || loosens {
                b = b.hazard(Hazard::BreaksOldCode);
            }
            vec![b.altering(id, ctx)]
        }
        CreateComposite(c) => vec![
            b.sql(with_no_public(
                ddl::composite::create(c),
                ddl::grant::Target::Type(&c.name),
            ))
            .reverse([ddl::composite::drop(&c.name)])
            .no_lock()
            .creating(id),
        ],
        DropComposite(c) => vec![
            b.sql([ddl::composite::drop(&c.name)])
                .reverse(with_no_public(
                    ddl::composite::create(c),
                    ddl::grant::Target::Type(&c.name),
                ))
                .no_lock()
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        AlterComposite { from, to } => {
            refuse_if_used_by_columns(from, to, ctx)?;
            // Attributes retyped or gone: code that builds or reads the type may fail.
            vec![
                b.sql(alter_composite_sql(from, to))
                    .reverse(alter_composite_sql(to, from))
                    .no_lock()
                    .hazard(Hazard::BreaksOldCode)
                    .altering(id, ctx),
            ]
        }
        CreateSequence(s) => {
            let bare = Sequence {
                owned_by: None,
                ..s.clone()
            };
            let mut out = vec![
                b.sql([ddl::sequence::create(&bare)])
                    .reverse([ddl::sequence::drop(&s.name)])
                    .no_lock()
                    .creating(id.clone()),
            ];
            out.extend(owned_by_draft(&s.name, None, s.owned_by.as_ref(), ctx));
            out
        }
        // Dropped by the identity step of the serial column it served.
        DropSequence(s) if super::serial_identity::absorbs(ctx, s) => Vec::new(),
        DropSequence(s) => {
            let bare = Sequence {
                owned_by: None,
                ..s.clone()
            };
            let mut out = owned_by_draft(&s.name, s.owned_by.as_ref(), None, ctx);
            out.push(
                b.sql([ddl::sequence::drop(&s.name)])
                    .reverse([ddl::sequence::create(&bare)])
                    .no_lock()
                    .hazard(Hazard::BreaksOldCode)
                    .dropping(id),
            );
            out
        }
        AlterSequence { from, to } => {
            let mut out = Vec::new();
            let (sql, rev) = (alter_sequence_sql(from, to), alter_sequence_sql(to, from));
            if !sql.is_empty() {
                out.push(b.sql(sql).reverse(rev).no_lock().altering(id, ctx));
            }
            out.extend(owned_by_draft(
                &to.name,
                from.owned_by.as_ref(),
                to.owned_by.as_ref(),
                ctx,
            ));
            out
        }
        CreateFunction(f) => vec![
            b.sql(with_no_public(
                ddl::function::create(f),
                ddl::grant::Target::Function(&f.id, f.kind),
            ))
            .reverse([ddl::function::drop(&f.id, f.kind)])
            .no_lock()
            .creating(id),
        ],
        DropFunction(f) => vec![
            b.sql([ddl::function::drop(&f.id, f.kind)])
                .reverse(with_no_public(
                    ddl::function::create(f),
                    ddl::grant::Target::Function(&f.id, f.kind),
                ))
                .no_lock()
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        ReplaceFunction { from, to } => vec![
            b.sql([ddl::function::create(to)])
                .reverse([ddl::function::create(from)])
                .no_lock()
                .definitions(&from.definition, &to.definition)
                .altering(id, ctx),
        ],
        other => {
            return Err(PlanError::Internal(format!(
                "not an object change: {}",
                other.kind()
            )));
        }
    })
}

/// A CREATE followed by `REVOKE ALL ... FROM PUBLIC`: the model lists every privilege
/// explicitly (PUBLIC's default EXECUTE or USAGE included), and the grants that follow as
/// their own changes bring back exactly those.
pub(super) fn with_no_public(create: String, target: ddl::grant::Target<'_>) -> Vec<String> {
    let mut sql = vec![create];
    sql.extend(ddl::grant::revoke_public_default(target));
    sql
}

fn alter_domain_sql(from: &Domain, to: &Domain) -> Vec<String> {
    let n = &to.name;
    let mut sql = Vec::new();
    if from.default != to.default {
        sql.push(match &to.default {
            Some(d) => ddl::domain::set_default(n, d),
            None => ddl::domain::drop_default(n),
        });
    }
    if from.not_null != to.not_null {
        sql.push(if to.not_null {
            ddl::domain::set_not_null(n)
        } else {
            ddl::domain::drop_not_null(n)
        });
    }
    for (name, c) in &from.checks {
        let same = to
            .checks
            .get(name)
            .is_some_and(|t| t.definition == c.definition);
        if !same {
            sql.push(ddl::domain::drop_check(n, name));
        }
    }
    for (name, c) in &to.checks {
        let same = from
            .checks
            .get(name)
            .is_some_and(|f| f.definition == c.definition);
        if !same {
            sql.push(ddl::domain::add_check(n, c));
        }
    }
    sql
}

/// PostgreSQL cannot change or drop an attribute of a composite type that a table column
/// stores: say so rather than emit a script that fails.
fn refuse_if_used_by_columns(
    from: &CompositeType,
    to: &CompositeType,
    ctx: &Context,
) -> Result<(), PlanError> {
    let changes_existing = from
        .attributes
        .iter()
        .any(|a| to.attributes.iter().find(|t| t.name == a.name) != Some(a));
    if !changes_existing {
        return Ok(());
    }
    let (scalar, array) = (from.name.to_string(), format!("{}[]", from.name));
    for t in ctx.from.tables.values() {
        if let Some(c) = t
            .columns
            .iter()
            .find(|c| c.type_name == scalar || c.type_name == array)
        {
            return Err(PlanError::Unsupported {
                object: ObjectId::Type {
                    name: from.name.clone(),
                },
                reason: format!(
                    "column {}.{} stores this composite type, and PostgreSQL cannot change or drop its attributes while it does; migrate that column to a new type first",
                    t.name,
                    quote_ident(&c.name)
                ),
            });
        }
    }
    Ok(())
}

fn alter_composite_sql(from: &CompositeType, to: &CompositeType) -> Vec<String> {
    let n = &to.name;
    let mut sql = Vec::new();
    for a in &from.attributes {
        if !to.attributes.iter().any(|t| t.name == a.name) {
            sql.push(ddl::composite::drop_attribute(n, &a.name));
        }
    }
    for a in &to.attributes {
        match from.attributes.iter().find(|f| f.name == a.name) {
            None => sql.push(ddl::composite::add_attribute(n, a)),
            Some(f) if f != a => sql.push(ddl::composite::alter_attribute_type(n, a)),
            Some(_) => {}
        }
    }
    sql
}
