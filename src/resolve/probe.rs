//! Which column type changes the server makes in place, without rewriting the table
//! (`varchar(10)` → `varchar(20)`, `varchar` → `text`, a numeric's precision up): asked of a
//! real server, never read from a list kept by hand. Each change is tried on a temporary
//! table in a transaction that is always rolled back; the table's filenode before and after
//! `ALTER COLUMN ... TYPE` says whether it was rewritten. Any error (a type that server
//! lacks, no implicit cast, a read-only standby, a timeout) means "not in place": the
//! planner then takes the way that is safe for every change.

use crate::model::{Catalog, Column, ObjectId, QualifiedName};
use crate::plan::Rename;
use std::collections::{BTreeMap, BTreeSet};
use tokio_postgres::{Client, SimpleQueryMessage};

/// A column's type as the catalog has it: `format_type` text (qualified for user types)
/// and the collation when it is not the type's default.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ColumnType {
    pub type_name: String,
    pub collation: Option<QualifiedName>,
}

impl ColumnType {
    pub fn new(type_name: impl Into<String>, collation: Option<QualifiedName>) -> Self {
        ColumnType {
            type_name: type_name.into(),
            collation,
        }
    }

    pub fn of(column: &Column) -> Self {
        ColumnType::new(column.type_name.clone(), column.collation.clone())
    }

    /// `<type> [COLLATE <collation>]`.
    fn sql(&self) -> String {
        match &self.collation {
            Some(c) => format!("{} COLLATE {c}", self.type_name),
            None => self.type_name.clone(),
        }
    }
}

/// The columns (`ObjectId::Column`, named as in `to`) of tables that exist in both
/// catalogs whose type or collation changes and whose change the server makes without a
/// rewrite. A table or column is found in `from` under its own name, or under its old one
/// when `renames` says it was renamed (a name some rename took away pairs with nothing).
/// Inherited columns change with their parent and are left out. Each distinct change is
/// probed once, on the first of `clients` where the probe runs without error (pass the `to`
/// side's connection first: it has the new types).
pub async fn in_place_types(
    from: &Catalog,
    to: &Catalog,
    renames: &[Rename],
    clients: &[&Client],
) -> BTreeSet<ObjectId> {
    let mut probed: BTreeMap<(ColumnType, ColumnType), bool> = BTreeMap::new();
    let mut out = BTreeSet::new();
    for (name, table) in &to.tables {
        let Some(old_table) = old_table(name, renames).and_then(|n| from.tables.get(&n)) else {
            continue;
        };
        for column in table.columns.iter().filter(|c| !c.inherited) {
            let Some(old) = old_column(name, &column.name, renames)
                .and_then(|c| old_table.column(&c))
                .filter(|c| !c.inherited)
            else {
                continue;
            };
            let change = (ColumnType::of(old), ColumnType::of(column));
            if change.0 == change.1 {
                continue;
            }
            let in_place = match probed.get(&change) {
                Some(&known) => known,
                None => {
                    let mut answer = false;
                    for client in clients {
                        if let Ok(a) = type_change_in_place(client, &change.0, &change.1).await {
                            answer = a;
                            break;
                        }
                    }
                    probed.insert(change, answer);
                    answer
                }
            };
            if in_place {
                out.insert(ObjectId::Column {
                    table: name.clone(),
                    column: column.name.clone(),
                });
            }
        }
    }
    out
}

/// The name a table of `to` had in `from`.
fn old_table(name: &QualifiedName, renames: &[Rename]) -> Option<QualifiedName> {
    let mut taken = false;
    for r in renames {
        if let ObjectId::Table { name: n } = &r.object {
            let old = QualifiedName::new(
                r.from_schema.clone().unwrap_or_else(|| n.schema.clone()),
                r.from.clone(),
            );
            if n == name {
                return Some(old);
            }
            taken |= old == *name;
        }
    }
    (!taken).then(|| name.clone())
}

/// The name a column of `to`'s table `table` had in `from`.
fn old_column(table: &QualifiedName, column: &str, renames: &[Rename]) -> Option<String> {
    let mut taken = false;
    for r in renames {
        if let ObjectId::Column {
            table: t,
            column: c,
        } = &r.object
            && t == table
        {
            if c == column {
                return Some(r.from.clone());
            }
            taken |= r.from == column;
        }
    }
    (!taken).then(|| column.to_string())
}

/// Whether `ALTER COLUMN ... TYPE` from `from` to `to` keeps the table's storage, tried on
/// `client` in one round trip. An error is the server's (the transaction is rolled back
/// whatever happens). The session's time zone is pinned to a non-UTC offset: under UTC,
/// `timestamp` → `timestamptz` is made in place, but a migration run in another time zone
/// would rewrite, so the answer must not depend on it.
pub async fn type_change_in_place(
    client: &Client,
    from: &ColumnType,
    to: &ColumnType,
) -> Result<bool, tokio_postgres::Error> {
    let sql = format!(
        "BEGIN;\n\
         SET LOCAL lock_timeout = '1s';\n\
         SET LOCAL statement_timeout = '5s';\n\
         SET LOCAL TIME ZONE 1;\n\
         CREATE TEMP TABLE schemadiff_probe (c {});\n\
         SELECT pg_relation_filenode('pg_temp.schemadiff_probe');\n\
         ALTER TABLE pg_temp.schemadiff_probe ALTER COLUMN c TYPE {};\n\
         SELECT pg_relation_filenode('pg_temp.schemadiff_probe');\n\
         ROLLBACK",
        from.sql(),
        to.sql()
    );
    match client.simple_query(&sql).await {
        Ok(messages) => {
            let filenodes: Vec<Option<&str>> = messages
                .iter()
                .filter_map(|m| match m {
                    SimpleQueryMessage::Row(row) => Some(row.get(0)),
                    _ => None,
                })
                .collect();
            Ok(matches!(filenodes.as_slice(), [Some(a), Some(b)] if a == b))
        }
        Err(e) => {
            // The batch stops at the error, inside the transaction.
            let _ = client.simple_query("ROLLBACK").await;
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(schema: &str, name: &str) -> QualifiedName {
        QualifiedName::new(schema, name)
    }

    fn rename(object: ObjectId, from: &str, from_schema: Option<&str>) -> Rename {
        Rename {
            object,
            from: from.into(),
            from_schema: from_schema.map(Into::into),
            instant: false,
            location: "d.sql:1:1".into(),
        }
    }

    #[test]
    fn old_names_follow_renames() {
        let renames = [
            rename(
                ObjectId::Table {
                    name: q("app", "users"),
                },
                "people",
                Some("old"),
            ),
            rename(
                ObjectId::Table {
                    name: q("app", "items"),
                },
                "things",
                None,
            ),
            rename(
                ObjectId::Column {
                    table: q("app", "users"),
                    column: "full_name".into(),
                },
                "name",
                None,
            ),
        ];
        assert_eq!(
            old_table(&q("app", "users"), &renames),
            Some(q("old", "people"))
        );
        assert_eq!(
            old_table(&q("app", "items"), &renames),
            Some(q("app", "things"))
        );
        assert_eq!(
            old_table(&q("app", "other"), &renames),
            Some(q("app", "other"))
        );
        // A new table under a name a rename took away is new.
        assert_eq!(old_table(&q("app", "things"), &renames), None);
        assert_eq!(old_table(&q("old", "people"), &renames), None);

        let users = q("app", "users");
        assert_eq!(
            old_column(&users, "full_name", &renames).as_deref(),
            Some("name")
        );
        assert_eq!(old_column(&users, "name", &renames), None);
        assert_eq!(old_column(&users, "id", &renames).as_deref(), Some("id"));
        assert_eq!(
            old_column(&q("app", "items"), "name", &renames).as_deref(),
            Some("name")
        );
    }

    #[test]
    fn column_types_with_collations() {
        assert_eq!(ColumnType::new("text", None).sql(), "text");
        assert_eq!(
            ColumnType::new("character varying(3)", Some(q("pg_catalog", "C"))).sql(),
            "character varying(3) COLLATE pg_catalog.\"C\""
        );
    }
}
