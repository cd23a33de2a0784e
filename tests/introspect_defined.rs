//! Introspection of extended statistics and rules (`model::Defined`) against a real
//! PostgreSQL: the kitchen sink's, with their definitions, targets, comments and
//! dependencies. (tests/introspect.rs is past the size where files may grow.)

#[path = "introspect_support/pg.rs"]
mod pg;

use pg::Cluster;
use schemadiff::introspect::{Filter, introspect};
use schemadiff::model::*;

fn q(schema: &str, name: &str) -> QualifiedName {
    QualifiedName::new(schema, name)
}

#[tokio::test]
async fn kitchen_sink_statistics_and_rules() {
    let cluster = Cluster::start();
    let client = cluster
        .database_from("ks_defined", "kitchen_sink.sql")
        .await;
    let c = introspect(&client, &Filter::default())
        .await
        .expect("introspect");

    // Statistics on a table: the columns in name order, the target, the comment; it stands
    // on the columns it counts.
    let orders = &c.tables[&q("app", "orders")];
    let s = &orders.defined[&(DefinedKind::Statistics, q("app", "orders_customer_amount"))];
    assert_eq!(
        s.definition,
        "CREATE STATISTICS app.orders_customer_amount (ndistinct, dependencies) \
         ON amount, customer_id FROM app.orders"
    );
    assert_eq!(s.target, Some(250));
    assert_eq!(s.comment.as_deref(), Some("amounts per customer"));
    for column in ["amount", "customer_id"] {
        let id = ObjectId::Column {
            table: q("app", "orders"),
            column: column.into(),
        };
        assert!(
            s.depends_on.contains(&id),
            "{id} missing: {:?}",
            s.depends_on
        );
    }

    // In another schema than its materialized view, on an expression: default target.
    let mv = &c.views[&q("app", "order_stats")];
    let s = &mv.defined[&(DefinedKind::Statistics, q("audit", "order_stats_n"))];
    assert_eq!(
        s.definition,
        "CREATE STATISTICS audit.order_stats_n ON customer_id, (n * 2) FROM app.order_stats"
    );
    assert_eq!(s.target, None);
    assert!(s.depends_on.contains(&ObjectId::Schema {
        name: "audit".into()
    }));

    // A rule on a view (without its `;`), commented; a view's _RETURN rule is the view.
    let v = &c.views[&q("app", "big_orders")];
    assert_eq!(v.defined.len(), 1, "{:?}", v.defined);
    let r = &v.defined[&(DefinedKind::Rule, q("app", "big_orders_no_delete"))];
    assert_eq!(
        r.definition,
        "CREATE RULE big_orders_no_delete AS\n    ON DELETE TO app.big_orders DO INSTEAD NOTHING"
    );
    assert_eq!(r.comment.as_deref(), Some("read-mostly"));
    assert_eq!(r.target, None);

    // A rule on a table that writes another: it depends on the column it fills there.
    let r = &orders.defined[&(DefinedKind::Rule, q("app", "orders_audit"))];
    assert!(r.definition.starts_with("CREATE RULE orders_audit AS"));
    assert!(!r.definition.ends_with(';'));
    assert!(
        r.depends_on.contains(&ObjectId::Column {
            table: q("audit", "log"),
            column: "at".into(),
        }),
        "{:?}",
        r.depends_on
    );
    assert!(r.depends_on.contains(&ObjectId::Column {
        table: q("app", "orders"),
        column: "amount".into(),
    }));
}
