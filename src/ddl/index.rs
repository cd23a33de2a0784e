//! Indexes, always written from pg_get_indexdef's `definition`.

use super::{DdlError, sibling};
use crate::model::{Index, QualifiedName, quote_ident};

const PREFIXES: [&str; 2] = ["CREATE INDEX ", "CREATE UNIQUE INDEX "];

fn check_prefix(index: &Index) -> Result<&'static str, DdlError> {
    PREFIXES
        .into_iter()
        .find(|p| index.definition.starts_with(p))
        .ok_or_else(|| DdlError::UnexpectedIndexDefinition {
            name: index.name.clone(),
            definition: index.definition.clone(),
        })
}

/// The definition as is: `CREATE [UNIQUE] INDEX name ON [ONLY] table USING ...`.
pub fn create(index: &Index) -> String {
    index.definition.clone()
}

/// `CREATE [UNIQUE] INDEX CONCURRENTLY name ON table ...`: no long write lock, but it cannot
/// run inside a transaction block (nor on a partitioned table: those are built per partition).
pub fn create_concurrently(index: &Index) -> Result<String, DdlError> {
    let prefix = check_prefix(index)?;
    if index.definition.contains(" ON ONLY ") {
        return Err(DdlError::ConcurrentPartitionedIndex {
            name: index.name.clone(),
        });
    }
    Ok(format!(
        "{prefix}CONCURRENTLY {}",
        &index.definition[prefix.len()..]
    ))
}

/// [`create_concurrently`] under another name: the new definition of a changed index is
/// built beside the old one, which it replaces by a rename once the old one is dropped.
pub fn create_concurrently_as(index: &Index, name: &str) -> Result<String, DdlError> {
    let sql = create_concurrently(index)?;
    let prefix = check_prefix(index)?;
    let head = format!("{prefix}CONCURRENTLY ");
    let old = format!("{head}{} ON ", quote_ident(&index.name));
    match sql.strip_prefix(&old) {
        Some(rest) => Ok(format!("{head}{} ON {rest}", quote_ident(name))),
        None => Err(DdlError::UnexpectedIndexDefinition {
            name: index.name.clone(),
            definition: index.definition.clone(),
        }),
    }
}

/// The definition with `ON ONLY` turned into `ON`, so that creating the index on a
/// partitioned table also creates (and attaches) the partitions' indexes, as plain
/// `CREATE INDEX` does. pg_get_indexdef prints `ON ONLY` for every partitioned index.
pub fn create_recursive(index: &Index) -> Result<String, DdlError> {
    check_prefix(index)?;
    Ok(match index.definition.find(" ON ONLY ") {
        Some(at) => format!(
            "{} ON {}",
            &index.definition[..at],
            &index.definition[at + " ON ONLY ".len()..]
        ),
        None => index.definition.clone(),
    })
}

/// `DROP INDEX schema.name` (an index lives in its table's schema).
pub fn drop(table: &QualifiedName, name: &str) -> String {
    format!("DROP INDEX {}", sibling(table, name))
}

/// `DROP INDEX CONCURRENTLY schema.name`
pub fn drop_concurrently(table: &QualifiedName, name: &str) -> String {
    format!("DROP INDEX CONCURRENTLY {}", sibling(table, name))
}

/// `DROP INDEX CONCURRENTLY IF EXISTS schema.name`: the way back from a build that a later
/// step may already have consumed (`ADD CONSTRAINT ... USING INDEX` takes the index over).
pub fn drop_concurrently_if_exists(table: &QualifiedName, name: &str) -> String {
    format!("DROP INDEX CONCURRENTLY IF EXISTS {}", sibling(table, name))
}

/// `ALTER INDEX schema.from RENAME TO to`
pub fn rename(table: &QualifiedName, from: &str, to: &str) -> String {
    format!(
        "ALTER INDEX {} RENAME TO {}",
        sibling(table, from),
        quote_ident(to)
    )
}

/// `ALTER INDEX parent_index ATTACH PARTITION schema.index`
pub fn attach_partition(parent_index: &QualifiedName, table: &QualifiedName, name: &str) -> String {
    format!(
        "ALTER INDEX {parent_index} ATTACH PARTITION {}",
        sibling(table, name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn index_statements() {
        let c = fixtures::catalog();
        let mut out = Vec::new();
        let mut indexes: Vec<(&QualifiedName, &Index)> = Vec::new();
        for t in c.tables.values() {
            indexes.extend(t.indexes.values().map(|i| (&t.name, i)));
        }
        for v in c.views.values() {
            indexes.extend(v.indexes.values().map(|i| (&v.name, i)));
        }
        let broken = Index {
            definition: "CREATE INDEXX nope ON public.t USING btree (a)".into(),
            ..indexes[0].1.clone()
        };
        indexes.push((indexes[0].0, &broken));
        for (table, i) in indexes {
            out.push(create(i));
            for r in [create_concurrently(i), create_recursive(i)] {
                out.push(r.unwrap_or_else(|e| format!("error: {e}")));
            }
            out.push(drop(table, &i.name));
            out.push(drop_concurrently(table, &i.name));
        }
        out.push(attach_partition(
            &QualifiedName::new("public", "events_at_idx"),
            &QualifiedName::new("public", "events_2024"),
            "events_2024_at_idx",
        ));
        snap!("index", out.join("\n"));
    }
}
