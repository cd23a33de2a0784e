//! Sequences: their options and the column that owns them.

use super::{Context, Draft, StepBuilder};
use crate::ddl;
use crate::model::*;
use crate::plan::step::Phase;

/// `ALTER SEQUENCE ... OWNED BY` as its own step: the sequence exists before the table whose
/// default uses it, the ownership only after the column exists (and is given up before the
/// column goes, so dropping the table does not take the sequence with it).
pub(super) fn owned_by_draft(
    name: &QualifiedName,
    from: Option<&(QualifiedName, String)>,
    to: Option<&(QualifiedName, String)>,
    ctx: &Context,
) -> Vec<Draft> {
    if from == to {
        return Vec::new();
    }
    fn owner(o: Option<&(QualifiedName, String)>) -> Option<(&QualifiedName, &str)> {
        o.map(|(t, c)| (t, c.as_str()))
    }
    let id = ObjectId::Sequence { name: name.clone() };
    // With `--owners`, a table owned by another role than the connecting user cannot take a
    // sequence the connecting user owns: the sequence first goes to the table's owner, and
    // on the way back to its old owner (`None` of both maps: nothing to do, the option off).
    let table_id =
        |o: Option<&(QualifiedName, String)>| o.map(|(t, _)| ObjectId::Table { name: t.clone() });
    let foreign = [table_id(from), table_id(to)]
        .into_iter()
        .flatten()
        .any(|t| ctx.from.owner_of(&t).is_some() || ctx.to.owner_of(&t).is_some());
    let follow = |o: Option<&(QualifiedName, String)>| -> Option<String> {
        match o {
            Some((table, _)) => Some(ddl::owner::sequence_follows_table(name, table)),
            None => ddl::owner::alter(&id, FunctionKind::Function, false, ctx.from.owner_of(&id)),
        }
    };
    let (mut forward, mut reverse) = (Vec::new(), Vec::new());
    if foreign && to.is_some() {
        forward.extend(follow(to));
    }
    forward.push(ddl::sequence::owned_by(name, owner(to)));
    reverse.push(ddl::sequence::owned_by(name, owner(from)));
    if foreign {
        reverse.extend(follow(from));
    }
    let mut d = StepBuilder::new(id.clone(), "alter-sequence-owned-by")
        .sql(forward)
        .reverse(reverse)
        .no_lock()
        .phase(if to.is_some() {
            Phase::Expand
        } else {
            Phase::Contract
        })
        .draft();
    let column = |(t, c): &(QualifiedName, String)| ObjectId::Column {
        table: t.clone(),
        column: c.clone(),
    };
    d.before_drop_of.extend(from.map(column));
    d.after_create_of.extend(to.map(column));
    d.after_create_of
        .push(ObjectId::Sequence { name: name.clone() });
    vec![d]
}

pub(super) fn alter_sequence_sql(from: &Sequence, to: &Sequence) -> Vec<String> {
    let mut sql = Vec::new();
    // A narrower range must still hold the current value, and the new range may not overlap
    // the old one at all (1.. to ..-1): widen to the union of both, move the value into the
    // new range (never further than needed), then set the final options.
    if to.min_value > from.min_value || to.max_value < from.max_value {
        let (lo, hi) = (
            from.min_value.min(to.min_value),
            from.max_value.max(to.max_value),
        );
        sql.push(format!(
            "ALTER SEQUENCE {} MINVALUE {lo} MAXVALUE {hi}",
            from.name
        ));
        sql.push(format!(
            "SELECT pg_catalog.setval({}, LEAST(GREATEST(last_value, {}), {}), is_called) FROM {}",
            quote_literal(&to.name.to_string()),
            to.min_value,
            to.max_value,
            to.name
        ));
    }
    sql.extend(ddl::sequence::alter_options(from, to));
    sql
}
