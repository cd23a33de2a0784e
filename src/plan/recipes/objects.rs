//! Schemas, extensions, types, sequences and functions (sequence options in `sequence`).

use super::sequence::{alter_sequence_sql, owned_by_draft};
use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::diff::Change;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode, Phase, Statement};

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
        CreateEnum(t) => vec![
            b.sql(with_no_public(
                ddl::enum_type::create(t),
                ddl::grant::Target::Type(&t.name),
            ))
            .reverse([ddl::enum_type::drop(&t.name)])
            .no_lock()
            .creating(id),
        ],
        DropEnum(t) => vec![
            b.sql([ddl::enum_type::drop(&t.name)])
                .reverse(with_no_public(
                    ddl::enum_type::create(t),
                    ddl::grant::Target::Type(&t.name),
                ))
                .no_lock()
                .hazard(Hazard::BreaksOldCode)
                .dropping(id),
        ],
        AddEnumValues { from, to } => {
            let mut sql = Vec::new();
            for (i, v) in to.values.iter().enumerate() {
                if from.values.contains(v) {
                    continue;
                }
                let position = match i.checked_sub(1).map(|p| &to.values[p]) {
                    Some(prev) => ddl::enum_type::Position::After(prev),
                    None => match to.values.get(1) {
                        Some(next) => ddl::enum_type::Position::Before(next),
                        None => ddl::enum_type::Position::End,
                    },
                };
                sql.push(ddl::enum_type::add_value(&to.name, v, position));
            }
            // Labels cannot be removed in place: the way back rebuilds the type, and with it
            // whatever depends on its columns — planned like any rebuild, from `to` to `from`.
            let (reverse, note) = match reverse_by_rebuild(to, from, ctx) {
                Ok(sql) => (sql, None),
                Err(e) => (
                    Vec::new(),
                    Some(format!(
                        "the added labels cannot be taken out automatically ({e})"
                    )),
                ),
            };
            let mut b = b;
            for s in reverse {
                b = b.reverse_stmt(s);
            }
            let mut d = b
                .sql(sql)
                .note_if(note)
                .no_lock()
                // A label added in a transaction block cannot be used (or positioned
                // against) before commit: one statement at a time.
                .non_transactional()
                .definitions(&from.values.join("\n"), &to.values.join("\n"))
                .altering(id, ctx);
            // The way back rebuilds the type with the columns both sides have: the plan's
            // new columns of the type come after this step, so their reverse goes first.
            let new_columns = enum_columns(ctx.to, &to.name)
                .into_iter()
                .filter(|(t, c)| {
                    ctx.from
                        .tables
                        .get(t)
                        .and_then(|t| t.column(&c.name))
                        .is_none()
                })
                .map(|(table, c)| ObjectId::Column {
                    table,
                    column: c.name,
                });
            d.before_create_of.extend(new_columns);
            vec![d]
        }
        RenameEnumValues { from, to } => {
            let rename = |a: &EnumType, b: &EnumType| -> Vec<String> {
                a.values
                    .iter()
                    .zip(&b.values)
                    .filter(|(x, y)| x != y)
                    .map(|(x, y)| ddl::enum_type::rename_value(&b.name, x, y))
                    .collect()
            };
            // What names a label (an index predicate, a check, a default) goes before the
            // rename and comes back after it.
            // Old code writing an old label fails once it is renamed.
            vec![
                b.sql(rename(from, to))
                    .reverse(rename(to, from))
                    .no_lock()
                    .hazard(Hazard::BreaksOldCode)
                    .phase(Phase::Contract)
                    .definitions(&from.values.join("\n"), &to.values.join("\n"))
                    .rebuilding(id, ctx),
            ]
        }
        RebuildEnum { from, to } => {
            // Every column of the type is converted: its table is rewritten under ACCESS
            // EXCLUSIVE, and old code writing a removed label fails.
            let mut b = b
                .sql(rebuild_enum_sql(from, to, ctx.from, ctx.to))
                .reverse(rebuild_enum_sql(to, from, ctx.to, ctx.from))
                .no_lock()
                .hazard(Hazard::RewritesTable)
                .hazard(Hazard::BreaksOldCode)
                .phase(Phase::Contract);
            let tables: std::collections::BTreeSet<QualifiedName> =
                kept_enum_columns(ctx.from, ctx.to, &from.name)
                    .into_iter()
                    .map(|(t, _)| t)
                    .collect();
            for t in &tables {
                b = b.stmt_locks(LockMode::AccessExclusive, t);
            }
            let mut d = b
                .definitions(&from.values.join("\n"), &to.values.join("\n"))
                .rebuilding(id, ctx);
            // The columns are converted inside the step; what depends on them is rebuilt.
            let columns: Vec<ObjectId> = kept_enum_columns(ctx.from, ctx.to, &from.name)
                .into_iter()
                .map(|(t, c)| ObjectId::Column {
                    table: t,
                    column: c.name,
                })
                .collect();
            d.drops.extend(columns.iter().cloned());
            d.creates.extend(columns);
            vec![d]
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

/// The statements that rebuild enum `from` into `to` in the `to` state of the plan (so: the
/// way back), with the views, functions, ... that depend on it rebuilt around, as the
/// planner would for a forward rebuild.
fn reverse_by_rebuild(
    from: &EnumType,
    to: &EnumType,
    ctx: &Context,
) -> Result<Vec<Statement>, PlanError> {
    let change = Change::RebuildEnum {
        from: from.clone(),
        to: to.clone(),
    };
    // When the way back reaches this step, the columns of the type are `ctx.from`'s: the
    // plan's new ones are dropped already, the dropped ones (and moved tables) are back.
    let mut at_reverse = ctx.to.clone();
    for (table, _) in enum_columns(ctx.to, &from.name) {
        if let Some(t) = at_reverse.tables.get_mut(&table) {
            let kept = |c: &Column| {
                ctx.from
                    .tables
                    .get(&table)
                    .and_then(|f| f.column(&c.name))
                    .is_some()
            };
            let (scalar, array) = (from.name.to_string(), format!("{}[]", from.name));
            t.columns
                .retain(|c| (c.type_name != scalar && c.type_name != array) || kept(c));
        }
    }
    for (table, c) in enum_columns(ctx.from, &to.name) {
        let Some(ft) = ctx.from.tables.get(&table) else {
            continue;
        };
        let t = at_reverse
            .tables
            .entry(table.clone())
            .or_insert_with(|| ft.clone());
        if t.column(&c.name).is_none() {
            t.columns.push(c);
        }
    }
    let sub = crate::plan::plan_with_deps(
        &at_reverse,
        ctx.from,
        vec![change],
        (ctx.to_deps, ctx.from_deps),
        (ctx.settings, &crate::plan::Hints::default(), &ctx.plan_tag),
    )?;
    Ok(sub.into_iter().flat_map(|s| s.forward).collect())
}

/// Columns of `cat` whose type is the enum `name` or an array of it.
fn enum_columns(cat: &Catalog, name: &QualifiedName) -> Vec<(QualifiedName, Column)> {
    let scalar = name.to_string();
    let array = format!("{scalar}[]");
    cat.tables
        .values()
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .filter(|(_, c)| !c.inherited && (c.type_name == scalar || c.type_name == array))
        .map(|(t, c)| (t.name.clone(), c.clone()))
        .collect()
}

/// Columns of `cat` of the enum `name` that `target` keeps: a column the plan creates or
/// drops (with its table or alone) is not there when the type is rebuilt (on the way back,
/// the new columns are dropped first; going forward, the dropped ones go first).
fn kept_enum_columns(
    cat: &Catalog,
    target: &Catalog,
    name: &QualifiedName,
) -> Vec<(QualifiedName, Column)> {
    enum_columns(cat, name)
        .into_iter()
        .filter(|(t, c)| {
            target
                .tables
                .get(t)
                .and_then(|t| t.column(&c.name))
                .is_some()
        })
        .collect()
}

/// Rebuild an enum whose labels were removed or reordered: rename the old type away, create
/// the new one, convert every column through text, drop the old type. `cat` is the catalog
/// the statements run against (its columns are converted); `target` gives the defaults the
/// converted columns end with (the old default may name a label that is gone).
fn rebuild_enum_sql(
    from: &EnumType,
    to: &EnumType,
    cat: &Catalog,
    target: &Catalog,
) -> Vec<String> {
    let old_name = format!("{}__schemadiff_old", to.name.name);
    let old = QualifiedName::new(to.name.schema.clone(), old_name.clone());
    let mut sql = vec![format!(
        "ALTER TYPE {} RENAME TO {}",
        from.name,
        quote_ident(&old_name)
    )];
    sql.extend(with_no_public(
        ddl::enum_type::create(to),
        ddl::grant::Target::Type(&to.name),
    ));
    for (table, c) in kept_enum_columns(cat, target, &from.name) {
        let is_array = c.type_name.ends_with("[]");
        let (via, ty) = if is_array {
            ("text[]", format!("{}[]", to.name))
        } else {
            ("text", to.name.to_string())
        };
        if c.default.is_some() {
            sql.push(ddl::column::drop_default(&table, &c.name));
        }
        sql.push(format!(
            "ALTER TABLE {table} ALTER COLUMN {col} TYPE {ty} USING {col}::{via}::{ty}",
            col = quote_ident(&c.name)
        ));
        let target_default = target
            .tables
            .get(&table)
            .and_then(|t| t.column(&c.name))
            .filter(|t| t.type_name == c.type_name)
            .and_then(|t| t.default.as_ref());
        if let Some(d) = target_default {
            sql.push(ddl::column::set_default(&table, &c.name, d));
        }
    }
    sql.push(ddl::enum_type::drop(&old));
    let id = ObjectId::Type {
        name: to.name.clone(),
    };
    if let Some(c) = &to.comment {
        sql.push(ddl::comment::on(&id, Some(c)));
    }
    for g in &to.grants {
        sql.push(ddl::grant::grant(ddl::grant::Target::Type(&to.name), g));
    }
    sql
}
