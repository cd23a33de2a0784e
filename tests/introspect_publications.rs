//! Introspection of publications, event triggers and access methods against a real
//! PostgreSQL: the kitchen sink's, and the schema filter (tests/introspect.rs is past the size where files may grow).

#[path = "introspect_support/pg.rs"]
mod pg;

use pg::Cluster;
use schemadiff::introspect::{Filter, introspect};
use schemadiff::model::*;

fn q(schema: &str, name: &str) -> QualifiedName {
    QualifiedName::new(schema, name)
}

#[tokio::test]
async fn kitchen_sink_publications_and_event_triggers() {
    let cluster = Cluster::start();
    let client = cluster.database_from("ks_pub", "kitchen_sink.sql").await;
    let c = introspect(&client, &Filter::default())
        .await
        .expect("introspect");

    let feed = &c.publications["orders_feed"];
    assert!(!feed.all_tables);
    assert_eq!(
        feed.publish,
        PublishOptions {
            insert: true,
            update: true,
            delete: true,
            truncate: false
        }
    );
    assert!(feed.via_root);
    let names: Vec<&QualifiedName> = feed.tables.iter().map(|t| &t.name).collect();
    assert_eq!(names, [&q("app", "orders"), &q("audit", "log")]);
    assert!(
        feed.tables
            .iter()
            .all(|t| t.columns.is_empty() && t.row_filter.is_none())
    );
    assert_eq!(feed.comment.as_deref(), Some("orders and their audit"));
    assert!(feed.depends_on.contains(&ObjectId::Table {
        name: q("app", "orders")
    }));
    let all = &c.publications["everything"];
    assert!(all.all_tables && all.tables.is_empty());

    let e = &c.event_triggers["ddl_noop"];
    assert_eq!(e.event, "ddl_command_end");
    assert_eq!(e.tags, ["CREATE TABLE", "DROP TABLE"]);
    assert_eq!(
        e.function,
        FunctionId {
            schema: "app".into(),
            name: "ddl_noop".into(),
            args: String::new()
        }
    );
    assert_eq!(e.enabled, "D");
    assert_eq!(e.comment.as_deref(), Some("a hook"));

    // A scope of one schema keeps the publications with a member in it (and only those
    // members) and the event triggers whose function is in it; a FOR ALL TABLES one
    // belongs to the whole database, which a `--schema` list does not manage.
    let audit = Filter {
        include_schemas: vec!["audit".into()],
        exclude_schemas: vec![],
        owners: false,
    };
    let c = introspect(&client, &audit).await.expect("introspect audit");
    let names: Vec<&QualifiedName> = c.publications["orders_feed"]
        .tables
        .iter()
        .map(|t| &t.name)
        .collect();
    assert_eq!(names, [&q("audit", "log")]);
    assert!(!c.publications.contains_key("everything"));
    assert!(c.event_triggers.is_empty());
    // Leaving schemas out is still a plan of the whole database: it keeps it.
    let but_audit = Filter {
        include_schemas: vec![],
        exclude_schemas: vec!["audit".into()],
        owners: false,
    };
    let c = introspect(&client, &but_audit)
        .await
        .expect("introspect all but audit");
    assert!(c.publications.contains_key("everything"));
}

#[tokio::test]
async fn kitchen_sink_access_methods() {
    let cluster = Cluster::start();
    let client = cluster.database_from("ks_am", "kitchen_sink.sql").await;
    let c = introspect(&client, &Filter::default())
        .await
        .expect("introspect");
    let names: Vec<&String> = c.access_methods.keys().collect();
    assert_eq!(names, ["btree2", "heap2"], "built-in ones are not read");
    let heap2 = &c.access_methods["heap2"];
    assert_eq!(heap2.kind, "TABLE");
    assert_eq!(heap2.handler, q("pg_catalog", "heap_tableam_handler"));
    assert_eq!(heap2.comment.as_deref(), Some("heap, renamed"));
    assert_eq!(c.access_methods["btree2"].kind, "INDEX");

    // Tables and materialized views carry theirs (heap is none), and depend on it.
    let am = ObjectId::AccessMethod {
        name: "heap2".into(),
    };
    let log = &c.tables[&q("audit", "log")];
    assert_eq!(log.access_method.as_deref(), Some("heap2"));
    assert!(log.depends_on.contains(&am));
    assert_eq!(c.tables[&q("app", "orders")].access_method, None);
    let stats = &c.views[&q("app", "empty_stats")];
    assert_eq!(stats.access_method.as_deref(), Some("heap2"));
    assert!(stats.depends_on.contains(&am));
    assert_eq!(c.views[&q("app", "order_stats")].access_method, None);

    // Access methods belong to the database: a scope of some schemas (whose handlers are
    // elsewhere) leaves them alone, and its tables still say which one they use.
    let audit = Filter {
        include_schemas: vec!["audit".into()],
        exclude_schemas: vec![],
        owners: false,
    };
    let c = introspect(&client, &audit).await.expect("introspect audit");
    assert!(c.access_methods.is_empty());
    assert_eq!(
        c.tables[&q("audit", "log")].access_method.as_deref(),
        Some("heap2")
    );
}
