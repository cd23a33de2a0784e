//! Introspection of aggregates against a real PostgreSQL: the kitchen sink's aggregates are
//! read as `FunctionKind::Aggregate` functions (none of pg_catalog's), with the
//! `CREATE OR REPLACE AGGREGATE` statement built from `pg_aggregate`, their comments and
//! grants; they depend on their support functions and a view calling one depends on it.

#[path = "introspect_support/pg.rs"]
mod pg;

use pg::Cluster;
use schemadiff::introspect::{Filter, introspect};
use schemadiff::model::*;

fn id(name: &str, args: &str) -> FunctionId {
    FunctionId {
        schema: "app".into(),
        name: name.into(),
        args: args.into(),
    }
}

#[tokio::test]
async fn aggregates_are_read_with_their_definitions_and_dependencies() {
    let cluster = Cluster::start();
    let client = cluster.database_from("ks_agg", "kitchen_sink.sql").await;
    let c = introspect(&client, &Filter::default())
        .await
        .expect("introspect");

    let aggregates: Vec<&FunctionId> = c
        .functions
        .values()
        .filter(|f| f.kind == FunctionKind::Aggregate)
        .map(|f| &f.id)
        .collect();
    assert_eq!(
        aggregates,
        [
            &id("amount_sum", "numeric"),
            &id("pick", "double precision, anyelement"),
            &id("rows_seen", ""),
        ]
    );

    let sum = &c.functions[&id("amount_sum", "numeric")];
    assert_eq!(
        sum.definition,
        "CREATE OR REPLACE AGGREGATE app.amount_sum(numeric) (\n    SFUNC = app.amount_step,\n    STYPE = numeric,\n    INITCOND = '0',\n    COMBINEFUNC = numeric_add,\n    PARALLEL = SAFE\n)"
    );
    assert_eq!(sum.returns.as_deref(), Some("numeric"));
    assert_eq!(sum.comment.as_deref(), Some("sums amounts"));
    assert_eq!(
        sum.grants.iter().collect::<Vec<_>>(),
        [&Grant {
            grantee: "schemadiff_reader".into(),
            privilege: "EXECUTE".into(),
            with_grant_option: false,
        }]
    );
    assert_eq!(
        c.functions[&id("pick", "double precision, anyelement")].definition,
        "CREATE OR REPLACE AGGREGATE app.pick(fraction double precision ORDER BY anyelement) (\n    SFUNC = ordered_set_transition,\n    STYPE = internal,\n    FINALFUNC = percentile_disc_final,\n    FINALFUNC_EXTRA\n)"
    );
    assert_eq!(
        c.functions[&id("rows_seen", "")].definition,
        "CREATE OR REPLACE AGGREGATE app.rows_seen(*) (\n    SFUNC = int8inc,\n    STYPE = bigint,\n    INITCOND = '0',\n    MSFUNC = int8inc,\n    MINVFUNC = int8dec,\n    MSTYPE = bigint,\n    MINITCOND = '0'\n)"
    );

    // The aggregate stands on its transition function (pg_catalog's are no edges), and the
    // view calling it on the aggregate.
    let step = ObjectId::Function {
        id: id("amount_step", "numeric, numeric"),
    };
    assert!(sum.depends_on.contains(&step), "{:?}", sum.depends_on);
    let rows_seen = &c.functions[&id("rows_seen", "")].depends_on;
    assert_eq!(
        rows_seen.iter().collect::<Vec<_>>(),
        [&ObjectId::Schema { name: "app".into() }]
    );
    let view = &c.views[&QualifiedName::new("app", "customer_amounts")];
    let aggregate = ObjectId::Function {
        id: id("amount_sum", "numeric"),
    };
    assert!(
        view.depends_on.contains(&aggregate),
        "{:?}",
        view.depends_on
    );

    // The schema filter applies to aggregates like to every other kind.
    let no_app = Filter {
        include_schemas: vec![],
        exclude_schemas: vec!["app".into()],
        owners: false,
    };
    let rest = introspect(&client, &no_app).await.expect("without app");
    assert!(
        !rest
            .functions
            .values()
            .any(|f| f.kind == FunctionKind::Aggregate)
    );
}
