//! A column's identity: added (after the default it replaces), dropped, or its options and
//! sequence name changed (`column.rs` is past the size where files may grow).

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::model::*;
use crate::plan::PlanError;
use crate::plan::step::{Hazard, LockMode};

/// Identity on or off, with the default it replaces (a `serial` column's `nextval`): the
/// default goes before the identity comes (and may free its sequence), the identity goes
/// before a default comes (its sequence's name may be the one a new sequence needs).
pub(super) fn drafts(
    table: &QualifiedName,
    from: &Column,
    to: &Column,
    b: StepBuilder,
    ctx: &Context,
) -> Result<Vec<Draft>, PlanError> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: to.name.clone(),
    };
    // Old code may name the sequence a serial column had, or insert values an ALWAYS
    // identity refuses.
    let step = |sql: Vec<String>, rev: Vec<String>| {
        StepBuilder::new(id.clone(), "alter-column-identity")
            .sql(sql)
            .reverse(rev)
            .lock(LockMode::AccessExclusive)
            .hazard(Hazard::BreaksOldCode)
    };
    Ok(match (&from.identity, &to.identity) {
        (None, Some(i))
            if let Some(s) = super::serial_identity::replaced_sequence(ctx, table, from) =>
        {
            let mut d = super::serial_identity::draft(table, from, to, i, s, ctx);
            d.creates.push(ObjectId::Sequence {
                name: i.sequence_name(table, &to.name),
            });
            vec![d]
        }
        (None, Some(i)) => {
            let mut out = Vec::new();
            if let Some(d) = &from.default {
                out.push(
                    StepBuilder::new(id.clone(), "alter-column-default")
                        .sql([ddl::column::drop_default(table, &from.name)])
                        .reverse([ddl::column::set_default(table, &from.name, d)])
                        .lock(LockMode::AccessExclusive)
                        .altering(id.clone(), ctx),
                );
            }
            // A new identity sequence starts at its START: move it past the rows' values.
            let add = super::serial_identity::add_identity(table, &to.name, i);
            let drop = vec![ddl::column::drop_identity(table, &to.name)];
            // Not ordered after whatever frees the sequence's name: the default it replaces
            // goes just before (old code inserting without the column must not meet neither),
            // and may stand on the very sequence holding the name
            // (column__serial_default_to_identity_taking_sequence_name, a known gap).
            out.push(step(add, drop).creating(id.clone()));
            out
        }
        (Some(i), None) => {
            let mut first = step(
                vec![ddl::column::drop_identity(table, &to.name)],
                super::serial_identity::add_identity(table, &to.name, i),
            )
            .draft();
            // The identity's sequence goes with it: its name is free after this step.
            first.drops.push(ObjectId::Sequence {
                name: i.sequence_name(table, &from.name),
            });
            first.before_create_of.extend(
                ctx.to
                    .sequences
                    .values()
                    .filter(|s| {
                        s.owned_by
                            .as_ref()
                            .is_some_and(|(t, c)| t == table && *c == to.name)
                    })
                    .map(|s| ObjectId::Sequence {
                        name: s.name.clone(),
                    }),
            );
            let mut out = vec![first];
            if let Some(d) = &to.default {
                let mut sql = vec![ddl::column::set_default(table, &to.name, d)];
                // A serial's new sequence starts at its START, below the identity's values.
                sql.extend(super::serial_identity::continue_new_sequence(
                    ctx, table, &to.name, d,
                ));
                out.push(
                    StepBuilder::new(id.clone(), "alter-column-default")
                        .sql(sql)
                        .reverse([ddl::column::drop_default(table, &to.name)])
                        .lock(LockMode::AccessExclusive)
                        .altering(id.clone(), ctx),
                );
            }
            out
        }
        (Some(f), Some(i)) => {
            let back = from
                .identity
                .as_ref()
                .map(|f| ddl::column::set_identity(table, &to.name, f));
            // A raised MINVALUE first moves the sequence up to it.
            let sequence = format!(
                "pg_get_serial_sequence({}, {})",
                quote_literal(&table.to_string()),
                quote_literal(&to.name)
            );
            let raise = (i.min_value > f.min_value)
                .then(|| ddl::sequence::raise_to_min(&sequence, f.start, i.min_value));
            // The sequence's name has no SET of its own: it is renamed (a table renamed
            // keeps its identity sequence's old name).
            let (old_name, new_name) = (
                f.sequence_name(table, &from.name),
                i.sequence_name(table, &to.name),
            );
            let options_differ = IdentityOptions {
                sequence: None,
                ..f.clone()
            } != IdentityOptions {
                sequence: None,
                ..i.clone()
            };
            // PostgreSQL keeps an identity sequence in its table's schema.
            if old_name.schema != new_name.schema {
                return Err(PlanError::Unsupported {
                    object: id,
                    reason: format!(
                        "its identity sequence would move from schema {} to {}, which                          PostgreSQL does not allow (an owned sequence stays in its table's                          schema); name it in {}",
                        quote_ident(&old_name.schema),
                        quote_ident(&new_name.schema),
                        quote_ident(&old_name.schema)
                    ),
                });
            }
            let set = options_differ.then(|| ddl::column::set_identity(table, &to.name, i));
            let back = ddl::sequence::rename(&new_name, &old_name.name)
                .into_iter()
                .chain(back.filter(|_| options_differ));
            let mut d = b
                .sql(
                    raise
                        .into_iter()
                        .chain(set)
                        .chain(ddl::sequence::rename(&old_name, &new_name.name)),
                )
                .reverse(back)
                .lock(LockMode::AccessExclusive)
                .hazard(Hazard::BreaksOldCode)
                .altering(id, ctx);
            // A renamed sequence frees its old name and takes its new one (`order`).
            if old_name != new_name {
                d.drops.push(ObjectId::Sequence { name: old_name });
                d.creates.push(ObjectId::Sequence { name: new_name });
            }
            vec![d]
        }
        (None, None) => Vec::new(),
    })
}
