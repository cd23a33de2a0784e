//! Publications: `CREATE PUBLICATION`, `ALTER PUBLICATION ... ADD | DROP | SET`, `DROP
//! PUBLICATION`. Member tables are always written `ONLY` (one `pg_publication_rel` row
//! each, as introspection reads them), so inheritance children are never added by accident.

use crate::model::{Publication, PublicationTable, quote_ident};

/// `ONLY t (a, b) WHERE (...)`: a member as `FOR TABLE` and `ADD TABLE` take it.
fn member(t: &PublicationTable) -> String {
    let mut sql = format!("ONLY {}", t.name);
    if !t.columns.is_empty() {
        let cols: Vec<String> = t.columns.iter().map(|c| quote_ident(c)).collect();
        sql.push_str(&format!(" ({})", cols.join(", ")));
    }
    if let Some(f) = &t.row_filter {
        sql.push_str(&format!(" WHERE ({f})"));
    }
    sql
}

fn schemas(list: &[String]) -> String {
    let names: Vec<String> = list.iter().map(|s| quote_ident(s)).collect();
    format!("TABLES IN SCHEMA {}", names.join(", "))
}

/// `WITH (publish = '...', publish_via_partition_root = ...)`, both always written.
fn options(p: &Publication) -> String {
    format!(
        "(publish = '{}', publish_via_partition_root = {})",
        p.publish.list(),
        p.via_root
    )
}

/// `CREATE PUBLICATION p [FOR ALL TABLES | FOR TABLE ..., TABLES IN SCHEMA ...] WITH (...)`
pub fn create(p: &Publication) -> String {
    let mut sql = format!("CREATE PUBLICATION {}", quote_ident(&p.name));
    let mut objects = Vec::new();
    if !p.tables.is_empty() {
        let members: Vec<String> = p.tables.iter().map(member).collect();
        objects.push(format!("TABLE {}", members.join(", ")));
    }
    if !p.schemas.is_empty() {
        objects.push(schemas(&p.schemas));
    }
    if p.all_tables {
        sql.push_str(" FOR ALL TABLES");
    } else if !objects.is_empty() {
        sql.push_str(&format!(" FOR {}", objects.join(", ")));
    }
    sql.push_str(&format!(" WITH {}", options(p)));
    sql
}

/// `DROP PUBLICATION p`
pub fn drop(p: &Publication) -> String {
    format!("DROP PUBLICATION {}", quote_ident(&p.name))
}

fn alter(p: &Publication, what: &str) -> String {
    format!("ALTER PUBLICATION {} {what}", quote_ident(&p.name))
}

/// `ALTER PUBLICATION p ADD TABLE ONLY t ...`
pub fn add_table(p: &Publication, t: &PublicationTable) -> String {
    alter(p, &format!("ADD TABLE {}", member(t)))
}

/// `ALTER PUBLICATION p DROP TABLE ONLY t`
pub fn drop_table(p: &Publication, t: &PublicationTable) -> String {
    alter(p, &format!("DROP TABLE ONLY {}", t.name))
}

/// `ALTER PUBLICATION p ADD TABLES IN SCHEMA s`
pub fn add_schema(p: &Publication, schema: &str) -> String {
    alter(p, &format!("ADD {}", schemas(&[schema.to_string()])))
}

/// `ALTER PUBLICATION p DROP TABLES IN SCHEMA s`
pub fn drop_schema(p: &Publication, schema: &str) -> String {
    alter(p, &format!("DROP {}", schemas(&[schema.to_string()])))
}

/// `ALTER PUBLICATION p SET (publish = ..., publish_via_partition_root = ...)`
pub fn set_options(p: &Publication) -> String {
    alter(p, &format!("SET {}", options(p)))
}

/// The statements that add to `from` what `to` has and it lacks, or holds differently
/// (a member whose column list or row filter changes is dropped and added again), and set
/// the options when they differ.
pub fn additions(from: &Publication, to: &Publication) -> Vec<String> {
    let mut out = Vec::new();
    for t in &to.tables {
        match from.table(&t.name) {
            None => out.push(add_table(to, t)),
            Some(f) if f != t => {
                out.push(drop_table(from, f));
                out.push(add_table(to, t));
            }
            Some(_) => {}
        }
    }
    for s in to.schemas.iter().filter(|s| !from.schemas.contains(s)) {
        out.push(add_schema(to, s));
    }
    if from.publish != to.publish || from.via_root != to.via_root {
        out.push(set_options(to));
    }
    out
}

/// The statements that take from `from` the members `to` does not have.
pub fn removals(from: &Publication, to: &Publication) -> Vec<String> {
    let mut out = Vec::new();
    for t in from.tables.iter().filter(|t| to.table(&t.name).is_none()) {
        out.push(drop_table(from, t));
    }
    for s in from.schemas.iter().filter(|s| !to.schemas.contains(s)) {
        out.push(drop_schema(from, s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PublishOptions, QualifiedName};

    fn publication() -> Publication {
        Publication {
            name: "Orders Feed".into(),
            all_tables: false,
            publish: PublishOptions {
                insert: true,
                update: true,
                delete: false,
                truncate: false,
            },
            via_root: true,
            tables: vec![
                PublicationTable {
                    name: QualifiedName::new("app", "orders"),
                    columns: vec!["id".into(), "Total".into()],
                    row_filter: Some("(id > 10)".into()),
                },
                PublicationTable {
                    name: QualifiedName::new("public", "t"),
                    columns: vec![],
                    row_filter: None,
                },
            ],
            schemas: vec!["audit".into()],
            comment: None,
            members_outside: false,
            depends_on: Default::default(),
        }
    }

    #[test]
    fn statements() {
        let p = publication();
        assert_eq!(
            create(&p),
            "CREATE PUBLICATION \"Orders Feed\" FOR TABLE ONLY app.orders (id, \"Total\") WHERE ((id > 10)), ONLY public.t, TABLES IN SCHEMA audit WITH (publish = 'insert, update', publish_via_partition_root = true)"
        );
        let mut all = p.clone();
        all.all_tables = true;
        assert!(create(&all).contains(" FOR ALL TABLES WITH"));
        let mut to = p.clone();
        to.tables.remove(1);
        to.tables[0].row_filter = None;
        to.schemas.clear();
        to.publish.delete = true;
        assert_eq!(
            additions(&p, &to),
            [
                "ALTER PUBLICATION \"Orders Feed\" DROP TABLE ONLY app.orders",
                "ALTER PUBLICATION \"Orders Feed\" ADD TABLE ONLY app.orders (id, \"Total\")",
                "ALTER PUBLICATION \"Orders Feed\" SET (publish = 'insert, update, delete', publish_via_partition_root = true)",
            ]
        );
        assert_eq!(
            removals(&p, &to),
            [
                "ALTER PUBLICATION \"Orders Feed\" DROP TABLE ONLY public.t",
                "ALTER PUBLICATION \"Orders Feed\" DROP TABLES IN SCHEMA audit",
            ]
        );
    }
}
