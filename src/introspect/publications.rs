//! Decoding the rows of the publications query.

use super::IntrospectError;
use super::row::R;
use crate::model::{ObjectId, Publication, PublicationTable, PublishOptions, QualifiedName, Set};

/// One member table as the query aggregates it: schema, name, column list, row filter and
/// the columns those two name.
type TableRow = (
    String,
    String,
    Option<Vec<String>>,
    Option<String>,
    Option<Vec<String>>,
);

pub(super) fn publication(r: &R<'_>) -> Result<Publication, IntrospectError> {
    let rows: Vec<TableRow> = r.json("tables")?;
    let schemas: Vec<String> = r.json("schemas")?;
    let mut depends_on = Set::new();
    let mut tables = Vec::with_capacity(rows.len());
    for (schema, name, columns, row_filter, named) in rows {
        let name = QualifiedName::new(schema, name);
        depends_on.insert(ObjectId::Table { name: name.clone() });
        for column in named.into_iter().flatten() {
            depends_on.insert(ObjectId::Column {
                table: name.clone(),
                column,
            });
        }
        tables.push(PublicationTable {
            name,
            columns: columns.unwrap_or_default(),
            row_filter,
        });
    }
    for s in &schemas {
        depends_on.insert(ObjectId::Schema { name: s.clone() });
    }
    Ok(Publication {
        name: r.some("name")?,
        all_tables: r.some("all_tables")?,
        publish: PublishOptions {
            insert: r.some("publish_insert")?,
            update: r.some("publish_update")?,
            delete: r.some("publish_delete")?,
            truncate: r.some("publish_truncate")?,
        },
        via_root: r.some("via_root")?,
        tables,
        schemas,
        comment: r.get("comment")?,
        members_outside: r.some("members_outside")?,
        depends_on,
    })
}
