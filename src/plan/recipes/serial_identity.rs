//! Identity and serial columns with rows. A new sequence starts at its START while the table
//! already holds those numbers, so whatever makes one (an identity added, a serial's new
//! sequence) moves it past the column's values ([`add_identity`],
//! [`continue_new_sequence`]); otherwise the next insert fails on the key.
//!
//! A serial column becoming an identity column: the serial's own sequence is in the way
//! twice: `ADD GENERATED` names its sequence `<table>_<column>_seq`, which the serial's
//! sequence still holds while it exists (the identity's came out `..._seq1`), and a new
//! identity sequence starts at its START while the table already holds those numbers (the
//! next insert failed on the key). So one step does it all, in one transaction: drop the
//! default, drop the serial's sequence, add the identity and move it past the column's
//! values. Its way back rebuilds the sequence the same way. The sequence's own drop step is
//! then empty ([`absorbs`]).

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::model::*;
use crate::plan::step::{Hazard, LockMode, Phase};

/// The serial sequence `from`'s default draws from, when the plan drops it and the column
/// becomes an identity column.
pub(super) fn replaced_sequence<'c>(
    ctx: &Context<'c>,
    table: &QualifiedName,
    from: &Column,
) -> Option<&'c Sequence> {
    let to = ctx.to.tables.get(table)?.column(&from.name)?;
    if from.identity.is_some() || to.identity.is_none() {
        return None;
    }
    let default = from.default.as_deref()?;
    ctx.from.sequences.values().find(|s| {
        s.owned_by
            .as_ref()
            .is_some_and(|(t, c)| t == table && *c == from.name)
            && !ctx.to.sequences.contains_key(&s.name)
            && default == ddl::sequence::nextval_default(&s.name)
    })
}

/// The sequence's drop is done by the identity step of the column it served.
pub(super) fn absorbs(ctx: &Context, s: &Sequence) -> bool {
    let Some((table, column)) = &s.owned_by else {
        return false;
    };
    ctx.from
        .tables
        .get(table)
        .and_then(|t| t.column(column))
        .and_then(|c| replaced_sequence(ctx, table, c))
        .is_some_and(|r| r.name == s.name)
}

/// For an identity column that becomes a serial one: move the new sequence its default
/// draws from past the column's values (it starts at its START).
pub(super) fn continue_new_sequence(
    ctx: &Context,
    table: &QualifiedName,
    column: &str,
    default: &str,
) -> Option<String> {
    let s = ctx.to.sequences.values().find(|s| {
        default == ddl::sequence::nextval_default(&s.name)
            && !ctx.from.sequences.contains_key(&s.name)
    })?;
    Some(continue_after_values(
        &quote_literal(&s.name.to_string()),
        table,
        column,
        s.start,
        s.increment,
    ))
}

/// `ADD GENERATED ... AS IDENTITY`, then its new sequence moved past the column's values
/// (it starts at its START, and the table may hold those numbers already).
pub(super) fn add_identity(
    table: &QualifiedName,
    column: &str,
    identity: &IdentityOptions,
) -> Vec<String> {
    let own_sequence = format!(
        "pg_get_serial_sequence({}, {})",
        quote_literal(&table.to_string()),
        quote_literal(&quote_ident(column))
    );
    vec![
        ddl::column::add_identity(table, column, identity),
        continue_after_values(
            &own_sequence,
            table,
            column,
            identity.start,
            identity.increment,
        ),
    ]
}

/// Move `sequence` (an SQL expression naming it) past every value of the column, never
/// below `start`: what the next insert draws is then free.
fn continue_after_values(
    sequence: &str,
    table: &QualifiedName,
    column: &str,
    start: i64,
    increment: i64,
) -> String {
    let c = quote_ident(column);
    let (pick, edge) = if increment >= 0 {
        ("GREATEST", "max")
    } else {
        ("LEAST", "min")
    };
    format!(
        "SELECT setval({sequence}, {pick}(coalesce({edge}({c}) + {increment}, {start}), {start}), false) FROM {table}"
    )
}

/// Whether the column leads a key or index, so that its max() is a lookup, not a scan.
fn indexed(t: &Table, column: &str) -> bool {
    t.constraints.values().any(|k| {
        matches!(k.kind, ConstraintKind::PrimaryKey | ConstraintKind::Unique)
            && k.columns.first().is_some_and(|c| c == column)
    }) || t.indexes.values().any(|i| {
        // `... USING btree (col [DESC], ...)`: the first key, without its options.
        let first_key = i
            .definition
            .split_once(" USING btree (")
            .and_then(|(_, keys)| keys.split([',', ')']).next())
            .and_then(|key| key.split_whitespace().next());
        i.method == "btree" && first_key == Some(quote_ident(column).as_str())
    })
}

pub(super) fn draft(
    table: &QualifiedName,
    from: &Column,
    to: &Column,
    identity: &IdentityOptions,
    sequence: &Sequence,
    ctx: &Context,
) -> Draft {
    let column = &to.name;
    let mut forward = vec![
        ddl::column::drop_default(table, column),
        ddl::sequence::drop(&sequence.name),
    ];
    forward.extend(add_identity(table, column, identity));
    let bare = Sequence {
        owned_by: None,
        ..sequence.clone()
    };
    let reverse = vec![
        ddl::column::drop_identity(table, column),
        ddl::sequence::create(&bare),
        ddl::sequence::owned_by(&sequence.name, Some((table, column))),
        continue_after_values(
            &quote_literal(&sequence.name.to_string()),
            table,
            column,
            sequence.start,
            sequence.increment,
        ),
        ddl::column::set_default(table, column, from.default.as_deref().unwrap_or_default()),
    ];
    let id = ObjectId::Column {
        table: table.clone(),
        column: column.clone(),
    };
    let mut b = StepBuilder::new(id.clone(), "alter-column-identity")
    .sql(forward)
    .reverse(reverse)
    .lock(LockMode::AccessExclusive)
    // Old code may call nextval() on the serial's sequence, or insert values an ALWAYS
    // identity refuses.
    .hazard(Hazard::BreaksOldCode)
    .phase(Phase::Contract)
    .explain(format!(
        "the serial's sequence {} goes in the same transaction, and the identity continues after the column's values",
        sequence.name
    ));
    if !ctx.to.tables.get(table).is_some_and(|t| indexed(t, column)) {
        b = b.hazard(Hazard::LockedScan);
    }
    let mut d = b.altering(id, ctx);
    d.drops.push(ObjectId::Sequence {
        name: sequence.name.clone(),
    });
    d
}
