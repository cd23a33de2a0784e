//! Renames a table's rename implies: its constraints, indexes and sequences that carry its
//! name the way PostgreSQL names them.

use super::{ObjectRename, relation};
use crate::model::{Catalog, ObjectId, QualifiedName};

/// What a table's rename implies: its constraints, indexes and owned sequences named
/// `<old table>_...` become `<new table>_...` when the desired state has that name and not
/// the old one (what PostgreSQL would have named them, had the table always been called so).
/// Without it a renamed table would lose its sequence's position and rebuild its keys.
pub(super) fn implied(
    table_rename: &ObjectRename,
    old: &QualifiedName,
    new: &QualifiedName,
    from: &Catalog,
    to: &Catalog,
    hinted: &[ObjectRename],
) -> Vec<ObjectRename> {
    let (Some(was_t), Some(will_t)) = (from.tables.get(old), to.tables.get(new)) else {
        return Vec::new();
    };
    let renamed = |name: &str| -> Option<String> {
        let rest = name.strip_prefix(&format!("{}_", old.name))?;
        Some(format!("{}_{rest}", new.name))
    };
    let hinted_old = |id: &ObjectId| hinted.iter().any(|h| &h.old == id);
    let mut out = Vec::new();
    let mut push = |old: ObjectId, found: ObjectId, new: ObjectId, if_exists: bool| {
        if !hinted_old(&old) {
            out.push(ObjectRename {
                old,
                found,
                new,
                location: table_rename.location.clone(),
                from: table_rename.from.clone(),
                instant: true,
                implied_by: Some(new_table_of(table_rename)),
                if_exists,
            });
        }
    };
    // Constraints and indexes: a part's name that the desired table has under the new
    // table's prefix, and not under the old one.
    let parts = |was: Vec<&String>, will: &dyn Fn(&str) -> bool, had: &dyn Fn(&str) -> bool| {
        was.into_iter()
            .filter_map(|p| {
                renamed(p)
                    .filter(|n| will(n) && !will(p) && !had(n))
                    .map(|n| (p.clone(), n))
            })
            .collect::<Vec<_>>()
    };
    let constraints = parts(
        was_t.constraints.keys().collect(),
        &|n| will_t.constraints.contains_key(n),
        &|n| was_t.constraints.contains_key(n),
    );
    let indexes = parts(
        was_t.indexes.keys().collect(),
        &|n| will_t.indexes.contains_key(n),
        &|n| was_t.indexes.contains_key(n),
    );
    for (c, n) in constraints {
        let was = ObjectId::Constraint {
            table: old.clone(),
            name: c,
        };
        let will = ObjectId::Constraint {
            table: new.clone(),
            name: n,
        };
        push(was.clone(), was, will, false);
    }
    for (i, n) in indexes {
        let was = ObjectId::Index {
            table: old.clone(),
            name: i,
        };
        let will = ObjectId::Index {
            table: new.clone(),
            name: n,
        };
        push(was.clone(), was, will, false);
    }
    for (name, seq) in &from.sequences {
        let Some((owner, column)) = &seq.owned_by else {
            continue;
        };
        if owner != old || name.schema != old.schema {
            continue;
        }
        let Some(n) = renamed(&name.name) else {
            continue;
        };
        let target = QualifiedName::new(new.schema.clone(), n.clone());
        let owned_alike = to
            .sequences
            .get(&target)
            .is_some_and(|s| s.owned_by.as_ref() == Some(&(new.clone(), column.clone())));
        let moved_name = QualifiedName::new(new.schema.clone(), name.name.clone());
        if owned_alike
            && !to.sequences.contains_key(&moved_name)
            && !from
                .sequences
                .contains_key(&QualifiedName::new(name.schema.clone(), n.clone()))
        {
            // A sequence owned by the table moves with it: it is renamed where it is then.
            push(
                ObjectId::Sequence { name: moved_name },
                ObjectId::Sequence { name: name.clone() },
                ObjectId::Sequence { name: target },
                false,
            );
        }
    }
    for c in was_t.columns.iter() {
        let (Some(was_identity), Some(will_identity)) = (
            c.identity.as_ref(),
            will_t.column(&c.name).and_then(|w| w.identity.as_ref()),
        ) else {
            continue;
        };
        // The names the model holds (or the defaults); the sequence has moved with its
        // table by then, so the old name is looked for in the new schema.
        let was_seq = QualifiedName::new(
            new.schema.clone(),
            was_identity.sequence_name(old, &c.name).name,
        );
        let will_seq = will_identity.sequence_name(new, &c.name);
        if was_seq != will_seq
            && !from.sequences.contains_key(&will_seq)
            && !to.sequences.contains_key(&was_seq)
        {
            let was = ObjectId::Sequence { name: was_seq };
            push(
                was.clone(),
                was,
                ObjectId::Sequence { name: will_seq },
                true,
            );
        }
    }
    out
}

fn new_table_of(r: &ObjectRename) -> QualifiedName {
    relation(&r.new).expect("a table rename")
}
