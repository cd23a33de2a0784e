//! The type-change probe against a real server, and the hints `catalogs` returns: the `to`
//! side's annotations and the columns whose type change the server makes in place.

mod common;

use common::{server, test_db};
use schemadiff::connect::ConnectOptions;
use schemadiff::introspect::Filter;
use schemadiff::model::{ObjectId, QualifiedName};
use schemadiff::resolve::probe::{ColumnType, type_change_in_place};
use schemadiff::resolve::{Target, catalogs};
use std::collections::BTreeSet;

fn ty(name: &str) -> ColumnType {
    ColumnType::new(name, None)
}

#[tokio::test]
async fn the_server_says_which_type_changes_keep_the_table() {
    let db = test_db("probe_pairs");
    db.psql("CREATE TYPE mood AS ENUM ('a');").unwrap();
    let client = db.client().await;
    let c = |name: &str| Some(QualifiedName::new("pg_catalog", name));
    for (from, to, want) in [
        (
            ty("character varying(10)"),
            ty("character varying(20)"),
            true,
        ),
        (ty("character varying"), ty("text"), true),
        (ty("character varying(10)"), ty("text"), true),
        (ty("numeric(10,2)"), ty("numeric(12,2)"), true),
        (ty("text"), ColumnType::new("text", c("C")), true),
        (ty("integer"), ty("bigint"), false),
        (
            ty("character varying(20)"),
            ty("character varying(10)"),
            false,
        ),
        (ty("numeric(10,2)"), ty("numeric(10,3)"), false),
        // In place only when the session's time zone is UTC: the probe pins another.
        (
            ty("timestamp without time zone"),
            ty("timestamp with time zone"),
            false,
        ),
    ] {
        let got = type_change_in_place(&client, &from, &to).await;
        assert_eq!(got.ok(), Some(want), "{from:?} -> {to:?}");
    }
    // Errors are the server's: no implicit cast, a type this server lacks.
    for (from, to) in [
        (ty("text"), ty("jsonb")),
        (ty("text"), ty("public.mood")),
        (ty("integer"), ty("public.no_such_type")),
    ] {
        assert!(
            type_change_in_place(&client, &from, &to).await.is_err(),
            "{from:?} -> {to:?}"
        );
        // ... and leave the session usable, outside any transaction.
        let rows = client.simple_query("SELECT 1").await.unwrap();
        assert!(!rows.is_empty());
    }
    let left = client
        .simple_query("SELECT count(*) FROM pg_class WHERE relname = 'schemadiff_probe'")
        .await
        .unwrap();
    let count = left.iter().find_map(|m| match m {
        tokio_postgres::SimpleQueryMessage::Row(r) => r.get(0).map(str::to_string),
        _ => None,
    });
    assert_eq!(
        count.as_deref(),
        Some("0"),
        "the probe table is rolled back"
    );
}

fn column(table: &str, column: &str) -> ObjectId {
    ObjectId::Column {
        table: QualifiedName::new("public", table),
        column: column.into(),
    }
}

#[tokio::test]
async fn catalogs_return_the_to_sides_hints_and_in_place_types() {
    let db = test_db("probe_catalogs");
    db.psql(
        "CREATE TABLE keep (x varchar(5));
         CREATE TABLE t (a varchar(10), b int, c varchar(20), d varchar(10), e numeric(10,2), f text, g text);
         CREATE TABLE parent (p varchar(5));
         CREATE TABLE child () INHERITS (parent);",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let to_sql = dir.path().join("to.sql");
    std::fs::write(
        &to_sql,
        r#"-- schemadiff:renamed from=keep
CREATE TABLE kept (x varchar(6));
CREATE TABLE t (
  a varchar(20),
  b bigint,
  c varchar(10),
  -- schemadiff:renamed from=d mode=instant
  dd varchar(30),
  d varchar(40),
  e numeric(12,2),
  f jsonb,
  -- schemadiff:backfill using="upper(g)"
  g varchar
);
CREATE TABLE parent (p varchar(50));
CREATE TABLE child () INHERITS (parent);
"#,
    )
    .unwrap();
    let from = Target::Database(Box::new(ConnectOptions::parse(db.conn_string()).unwrap()));
    let to = Target::Files(to_sql.clone());
    let (a, b, hints) = catalogs(&from, &to, None, &Filter::default())
        .await
        .unwrap();
    assert!(a.tables.contains_key(&QualifiedName::new("public", "keep")));
    assert!(b.tables.contains_key(&QualifiedName::new("public", "kept")));
    let renames: Vec<(String, &str, bool)> = hints
        .renames
        .iter()
        .map(|r| (r.object.to_string(), r.from.as_str(), r.instant))
        .collect();
    assert_eq!(
        renames,
        [
            ("table public.kept".to_string(), "keep", false),
            ("column public.t.dd".into(), "d", true),
        ]
    );
    assert_eq!(
        hints.backfills.keys().cloned().collect::<Vec<_>>(),
        [column("t", "g")]
    );
    // The inherited column changes with its parent, and is only the parent's. Renamed
    // objects pair with their old names; the new `t.d` pairs with nothing (the old `d` is
    // `dd` now).
    assert_eq!(
        hints.in_place_types,
        BTreeSet::from([
            column("kept", "x"),
            column("parent", "p"),
            column("t", "dd"),
            column("t", "a"),
            column("t", "e"),
            column("t", "g"),
        ])
    );

    // Files on the `from` side: their annotations are not read, not even checked.
    let from_sql = dir.path().join("from.sql");
    std::fs::write(
        &from_sql,
        "-- schemadiff:no_such_key x=1\nCREATE TABLE keep (x varchar(5));\n",
    )
    .unwrap();
    let shadow = ConnectOptions::parse(&server().conn_string("postgres")).unwrap();
    let (_, _, hints) = catalogs(
        &Target::Files(from_sql),
        &to,
        Some(&shadow),
        &Filter::default(),
    )
    .await
    .unwrap();
    assert_eq!(hints.renames.len(), 2);
    assert_eq!(
        hints.in_place_types,
        BTreeSet::from([column("kept", "x")]),
        "only keep is in both"
    );
}

/// The view that keeps a renamed table's old name working applies the table's row-level
/// security only with `security_invoker` (PostgreSQL 15+): `catalogs` records the server's
/// version, and on an older server the online rename of such a table is refused.
#[tokio::test]
async fn an_online_rename_under_row_level_security_needs_security_invoker() {
    let db = test_db("probe_rename_rls");
    db.psql(
        "CREATE TABLE events (id int PRIMARY KEY, tenant text);
         ALTER TABLE events ENABLE ROW LEVEL SECURITY;",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let to_sql = dir.path().join("to.sql");
    std::fs::write(
        &to_sql,
        "-- schemadiff:renamed from=events\n\
         CREATE TABLE activity (id int PRIMARY KEY, tenant text);\n\
         ALTER TABLE activity ENABLE ROW LEVEL SECURITY;\n",
    )
    .unwrap();
    let from = Target::Database(Box::new(ConnectOptions::parse(db.conn_string()).unwrap()));
    let (a, b, hints) = catalogs(&from, &Target::Files(to_sql), None, &Filter::default())
        .await
        .unwrap();
    let version: i32 = db
        .psql("SHOW server_version_num")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(hints.server_version, Some(version));
    let plan_on = |v: i32| {
        let mut hints = hints.clone();
        hints.server_version = Some(v);
        schemadiff::plan::plan_with(&a, &b, schemadiff::plan::Settings::default(), &hints)
    };
    let plan = plan_on(150000).expect("planned on 15");
    let sql: Vec<&str> = plan
        .steps()
        .flat_map(|s| s.forward.iter())
        .map(|s| s.sql.as_str())
        .collect();
    assert!(
        sql.iter()
            .any(|s| s.contains("WITH (security_invoker = true)")),
        "{sql:?}"
    );
    let refused = plan_on(140000).expect_err("refused before 15").to_string();
    assert!(
        refused.contains("security_invoker (PostgreSQL 15+)") && refused.contains("mode=instant"),
        "{refused}"
    );
}
