//! Introspection of collations against a real PostgreSQL: the kitchen sink's user
//! collations are read with their definitions (not pg_catalog's), the columns and indexes
//! that use them depend on them, and the schema filter applies.

#[path = "introspect_support/pg.rs"]
mod pg;

use pg::Cluster;
use schemadiff::introspect::{Filter, introspect};
use schemadiff::model::*;

fn q(schema: &str, name: &str) -> QualifiedName {
    QualifiedName::new(schema, name)
}

#[tokio::test]
async fn collations_are_read_with_their_users() {
    let cluster = Cluster::start();
    let client = cluster.database_from("ks_coll", "kitchen_sink.sql").await;
    let c = introspect(&client, &Filter::default())
        .await
        .expect("introspect");

    // Only the user collations: none of pg_catalog's (C, POSIX, the ICU ones, ...).
    assert_eq!(
        c.collations.keys().collect::<Vec<_>>(),
        [&q("app", "bytes"), &q("app", "nocase")]
    );
    assert_eq!(
        c.collations[&q("app", "nocase")],
        Collation {
            name: q("app", "nocase"),
            provider: CollationProvider::Icu,
            locale: Some("und-u-ks-level2".into()),
            lc_collate: None,
            lc_ctype: None,
            deterministic: false,
            comment: Some("case-insensitive".into()),
        }
    );
    assert_eq!(
        c.collations[&q("app", "bytes")],
        Collation {
            name: q("app", "bytes"),
            provider: CollationProvider::Libc,
            locale: None,
            lc_collate: Some("C".into()),
            lc_ctype: Some("C".into()),
            deterministic: true,
            comment: None,
        }
    );

    // A column and an index that use a collation depend on it; a system collation is no edge.
    let nocase = ObjectId::Collation {
        name: q("app", "nocase"),
    };
    let bytes = ObjectId::Collation {
        name: q("app", "bytes"),
    };
    let tags = &c.tables[&q("app", "tags")];
    let name = tags.column("name").expect("tags.name");
    assert_eq!(name.collation, Some(q("app", "nocase")));
    assert!(name.depends_on.contains(&nocase), "{:?}", name.depends_on);
    assert!(
        tags.indexes["tags_slug_idx"].depends_on.contains(&bytes),
        "{:?}",
        tags.indexes["tags_slug_idx"].depends_on
    );
    let email = c.tables[&q("app", "customers")]
        .column("email")
        .expect("customers.email");
    assert!(
        !email
            .depends_on
            .iter()
            .any(|d| matches!(d, ObjectId::Collation { .. })),
        "COLLATE \"C\" is pg_catalog's: {:?}",
        email.depends_on
    );

    // The schema filter applies to collations like to every other kind.
    let no_app = Filter {
        include_schemas: vec![],
        exclude_schemas: vec!["app".into()],
        owners: false,
    };
    let rest = introspect(&client, &no_app).await.expect("without app");
    assert!(rest.collations.is_empty());
    let only_app = Filter {
        include_schemas: vec!["app".into()],
        exclude_schemas: vec![],
        owners: false,
    };
    let app = introspect(&client, &only_app).await.expect("only app");
    assert_eq!(app.collations, c.collations);
}
