use super::*;
use crate::source::read_bytes;
use std::path::Path;

fn hints_of(text: &str) -> Result<Hints, String> {
    let statements = read_bytes(Path::new("d.sql"), text.as_bytes()).map_err(|e| e.to_string())?;
    hints(&statements).map_err(|e| e.to_string())
}

fn q(schema: &str, name: &str) -> QualifiedName {
    QualifiedName::new(schema, name)
}

fn column(schema: &str, table: &str, column: &str) -> ObjectId {
    ObjectId::Column {
        table: q(schema, table),
        column: column.into(),
    }
}

/// (object, from, from_schema, instant, location) of each rename.
fn renames(h: &Hints) -> Vec<(ObjectId, &str, Option<&str>, bool, &str)> {
    h.renames
        .iter()
        .map(|r| {
            (
                r.object.clone(),
                r.from.as_str(),
                r.from_schema.as_deref(),
                r.instant,
                r.location.as_str(),
            )
        })
        .collect()
}

#[test]
fn columns_inside_create_table() {
    let text = r#"SET search_path = app, public;
CREATE TABLE "Orders" (
  -- schemadiff:renamed from=OldId
  id bigint PRIMARY KEY,
  -- schemadiff:renamed from="Old Name" mode=instant
  "Mixed Case" text
    NOT NULL
    DEFAULT 'a, b',
  -- schemadiff:backfill using="coalesce(total, 0) * 2" reverse="half"
  -- schemadiff:renamed from=total mode=online
  "we""ird" numeric(12, 2),
  CONSTRAINT positive CHECK (id > 0),
  -- schemadiff:backfill using="lower(\"Mixed Case\")"
  UPPER_CASE text
);
"#;
    let h = hints_of(text).unwrap();
    assert_eq!(
        renames(&h),
        [
            (
                column("app", "Orders", "id"),
                "oldid",
                None,
                false,
                "d.sql:3:3"
            ),
            (
                column("app", "Orders", "Mixed Case"),
                "Old Name",
                None,
                true,
                "d.sql:5:3"
            ),
            (
                column("app", "Orders", "we\"ird"),
                "total",
                None,
                false,
                "d.sql:10:3"
            ),
        ]
    );
    assert_eq!(h.backfills.len(), 2);
    let weird = &h.backfills[&column("app", "Orders", "we\"ird")];
    assert_eq!(weird.using, "coalesce(total, 0) * 2");
    assert_eq!(weird.reverse.as_deref(), Some("half"));
    assert_eq!(weird.location, "d.sql:9:3");
    let upper = &h.backfills[&column("app", "Orders", "upper_case")];
    assert_eq!(upper.using, "lower(\"Mixed Case\")");
    assert_eq!(upper.reverse, None);
    assert!(h.in_place_types.is_empty());
}

#[test]
fn objects_above_their_statements() {
    let text = r#"-- schemadiff:renamed from=legacy
CREATE SCHEMA app;
-- schemadiff:renamed from=Accounts
CREATE TABLE app.users (id int);
-- schemadiff:renamed from=old_app.Customers mode=instant
CREATE UNLOGGED TABLE app.customers (id int);
-- schemadiff:renamed from="Old App"."Things"
CREATE TABLE app.things (id int);
-- schemadiff:renamed from=app.stuff
CREATE TABLE app.items (id int);
-- schemadiff:renamed from=users_v
CREATE OR REPLACE VIEW app.user_list AS SELECT id FROM app.users;
-- schemadiff:renamed from=totals_old
CREATE MATERIALIZED VIEW app.totals AS SELECT count(*) AS n FROM app.users;
-- schemadiff:renamed from=users_id_old
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_id ON ONLY app.users (id);
-- schemadiff:renamed from=app.things_id_old
CREATE INDEX things_id ON app.things USING btree (id);
-- schemadiff:renamed from=user_seq
CREATE SEQUENCE app.users_seq;
-- schemadiff:renamed from=feeling
CREATE TYPE app.mood AS ENUM ('happy', 'sad');
-- schemadiff:renamed from=positive
CREATE DOMAIN app.pos AS int CHECK (VALUE > 0);
SET search_path = app;
-- schemadiff:renamed from=fresh_old
CREATE TABLE fresh (id int);
-- schemadiff:renamed from=fresh_idx_old
CREATE INDEX fresh_idx ON fresh (id);
"#;
    let h = hints_of(text).unwrap();
    let got: Vec<(String, &str, Option<&str>, bool)> = renames(&h)
        .into_iter()
        .map(|(o, from, schema, instant, _)| (o.to_string(), from, schema, instant))
        .collect();
    assert_eq!(
        got,
        [
            ("schema app".to_string(), "legacy", None, false),
            ("table app.users".into(), "accounts", None, false),
            (
                "table app.customers".into(),
                "customers",
                Some("old_app"),
                true
            ),
            ("table app.things".into(), "Things", Some("Old App"), false),
            ("table app.items".into(), "stuff", None, false),
            ("view app.user_list".into(), "users_v", None, false),
            (
                "materialized view app.totals".into(),
                "totals_old",
                None,
                false
            ),
            (
                "index users_id on app.users".into(),
                "users_id_old",
                None,
                false
            ),
            (
                "index things_id on app.things".into(),
                "things_id_old",
                None,
                false
            ),
            ("sequence app.users_seq".into(), "user_seq", None, false),
            ("type app.mood".into(), "feeling", None, false),
            ("type app.pos".into(), "positive", None, false),
            ("table app.fresh".into(), "fresh_old", None, false),
            (
                "index fresh_idx on app.fresh".into(),
                "fresh_idx_old",
                None,
                false
            ),
        ]
    );
    assert!(h.backfills.is_empty());
}

#[test]
fn no_annotations_no_hints() {
    let h = hints_of("CREATE TABLE t (a int);\n-- a plain comment\nCREATE VIEW v AS SELECT 1;")
        .unwrap();
    assert!(h.is_empty());
}

#[test]
fn errors_point_at_the_annotation() {
    for (text, want) in [
        (
            "CREATE TABLE t (\n  a int,\n  -- schemadiff:rename from=x\n  b int);",
            "d.sql:3:3: schemadiff annotation: unknown annotation `rename`; schemadiff reads `renamed` (from=, mode=), `backfill` (using=, reverse=) and `external`",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:external\n  b int);",
            "d.sql:2:3: schemadiff annotation: `external` stands on the line above a whole statement, not inside one",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:renamed from=x to=y\n  b int);",
            "d.sql:2:3: schemadiff annotation: `renamed` takes no argument `to`; it takes from= and mode=",
        ),
        (
            "CREATE TABLE t (\n    -- schemadiff:backfill using=\"1\" batch=10\n  b int);",
            "d.sql:2:5: schemadiff annotation: `backfill` takes no argument `batch`; it takes using= and reverse=",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:backfill reverse=\"b\"\n  b int);",
            "d.sql:2:3: schemadiff annotation: `backfill` needs the expression: backfill using=\"<SQL expression over the row>\"",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:renamed mode=instant\n  b int);",
            "d.sql:2:3: schemadiff annotation: `renamed` needs the old name: renamed from=<old name>",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:renamed from=a mode=fast\n  b int);",
            "d.sql:2:3: schemadiff annotation: mode=fast: a rename's mode is `online` (the default) or `instant`",
        ),
        (
            "-- schemadiff:backfill using=\"1\"\nCREATE TABLE t (b int);",
            "d.sql:1:1: schemadiff annotation: `backfill` fills a column: write it directly above the column's definition inside CREATE TABLE (...)",
        ),
        (
            "-- schemadiff:renamed from=f\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';",
            "d.sql:1:1: schemadiff annotation: from=f: renamed from its own name public.f; remove the annotation",
        ),
        (
            "CREATE TABLE t (a int);\n-- schemadiff:renamed from=x\nCOMMENT ON TABLE t IS 'x';",
            "d.sql:2:1: schemadiff annotation: `renamed` cannot stand above COMMENT: it applies to CREATE TABLE, VIEW, MATERIALIZED VIEW, INDEX, SEQUENCE, TYPE, DOMAIN, SCHEMA, FUNCTION and PROCEDURE, and to the columns inside CREATE TABLE (...)",
        ),
        (
            "-- schemadiff:renamed from=x\nCREATE EXTENSION IF NOT EXISTS pgcrypto;",
            "d.sql:1:1: schemadiff annotation: `renamed` cannot stand above CREATE EXTENSION: it applies to CREATE TABLE, VIEW, MATERIALIZED VIEW, INDEX, SEQUENCE, TYPE, DOMAIN, SCHEMA, FUNCTION and PROCEDURE, and to the columns inside CREATE TABLE (...)",
        ),
        (
            "CREATE VIEW v AS SELECT 1 AS a,\n  -- schemadiff:renamed from=x\n  2 AS b;",
            "d.sql:2:3: schemadiff annotation: an annotation inside a statement must stand directly above a column definition, not above `2`",
        ),
        (
            "CREATE VIEW v AS SELECT 1 AS a,\n  -- schemadiff:renamed from=x\n  b FROM t;",
            "d.sql:2:3: schemadiff annotation: `renamed` inside CREATE VIEW is not read; inside a statement, annotations belong directly above a column definition of CREATE TABLE",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:renamed from=s.a\n  b int);",
            "d.sql:2:3: schemadiff annotation: from=s.a: a column is renamed within its table: give the old column name alone",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:renamed from=B\n  b int);",
            "d.sql:2:3: schemadiff annotation: from=B: renamed from its own name `b`; remove the annotation",
        ),
        (
            "-- schemadiff:renamed from=public.t\nCREATE TABLE t (b int);",
            "d.sql:1:1: schemadiff annotation: from=public.t: renamed from its own name public.t; remove the annotation",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:renamed from=old-name\n  b int);",
            "d.sql:2:3: schemadiff annotation: from=old-name: `old-name` is not a plain identifier; quote it: from=\"old-name\"",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:renamed from=a..b\n  b int);",
            "d.sql:2:3: schemadiff annotation: from=a..b: a name part is empty",
        ),
        (
            "-- schemadiff:renamed from=a.b.c\nCREATE TABLE t (b int);",
            "d.sql:1:1: schemadiff annotation: from=a.b.c: give the old name as <name> or <schema>.<name>",
        ),
        (
            "-- schemadiff:renamed from=old.s\nCREATE SCHEMA s;",
            "d.sql:1:1: schemadiff annotation: from=old.s: a schema's old name has no schema: give it alone",
        ),
        (
            "CREATE TABLE app.t (a int);\n-- schemadiff:renamed from=other.i_old\nCREATE INDEX i ON app.t (a);",
            "d.sql:2:1: schemadiff annotation: from=other.i_old: an index stays in its table's schema app; it cannot come from schema other",
        ),
        (
            "CREATE TABLE t (a int);\n-- schemadiff:renamed from=i_old\nCREATE INDEX ON t (a);",
            "d.sql:2:1: schemadiff annotation: `renamed` needs a named index: CREATE INDEX <name> ON ...",
        ),
        (
            "-- schemadiff:renamed from=a\n-- schemadiff:renamed from=b\nCREATE TABLE t (x int);",
            "d.sql:2:1: schemadiff annotation: table public.t is already renamed at d.sql:1:1",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:renamed from=a\n  -- schemadiff:renamed from=b\n  x int);",
            "d.sql:3:3: schemadiff annotation: column public.t.x is already renamed at d.sql:2:3",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:renamed from=a\n  x int,\n  -- schemadiff:renamed from=a\n  y int);",
            "d.sql:4:3: schemadiff annotation: column a of public.t is already renamed to another object at d.sql:2:3",
        ),
        (
            "-- schemadiff:renamed from=old\nCREATE TABLE t (x int);\n-- schemadiff:renamed from=old\nCREATE VIEW v AS SELECT 1;",
            "d.sql:3:1: schemadiff annotation: relation public.old is already renamed to another object at d.sql:1:1",
        ),
        (
            "CREATE TABLE t (\n  -- schemadiff:backfill using=\"1\"\n  -- schemadiff:backfill using=\"2\"\n  x int);",
            "d.sql:3:3: schemadiff annotation: column public.t.x already has a backfill at d.sql:2:3",
        ),
        (
            "SET search_path = '';\n-- schemadiff:renamed from=x\nCREATE TABLE t (a int);",
            "d.sql:2:1: schemadiff annotation: cannot tell which schema this CREATE TABLE creates its object in; schema-qualify its name",
        ),
    ] {
        assert_eq!(hints_of(text).unwrap_err(), want, "{text}");
    }
}

#[test]
fn one_old_name_may_serve_different_name_spaces() {
    // A type and a table may both have been called `old`; two columns of two tables too.
    let text = "-- schemadiff:renamed from=old\nCREATE TABLE t (\n  -- schemadiff:renamed from=a\n  x int);\n\
                -- schemadiff:renamed from=old\nCREATE TYPE mood AS ENUM ('x');\n\
                CREATE TABLE u (\n  -- schemadiff:renamed from=a\n  x int);";
    assert_eq!(hints_of(text).unwrap().renames.len(), 4);
}

#[test]
fn statements_sqlparser_cannot_parse() {
    let text = "-- schemadiff:renamed from=t_old\nCREATE TABLE app.t (\n  -- schemadiff:renamed from=b\n  a int\n) PARTITION BY RANGE (a) WITH (fillfactor = 70) TABLESPACE pg_default USING heap2;";
    let statements = read_bytes(Path::new("d.sql"), text.as_bytes()).unwrap();
    assert_eq!(statements[0].kind, StatementKind::Unparsed);
    let got: Vec<(String, String)> = hints(&statements)
        .unwrap()
        .renames
        .iter()
        .map(|r| (r.object.to_string(), r.from.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("table app.t".to_string(), "t_old".to_string()),
            ("column app.t.a".into(), "b".into())
        ]
    );
}

#[test]
fn functions_by_name_their_arguments_come_from_the_catalog() {
    let text = "CREATE TABLE t (a int);\n\n-- schemadiff:renamed from=g\nCREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select 1';\n-- schemadiff:renamed from=old.p mode=instant\nCREATE PROCEDURE app.p2() LANGUAGE sql AS 'select 1';";
    let h = hints_of(text).unwrap();
    let function = |schema: &str, name: &str| ObjectId::Function {
        id: crate::model::FunctionId {
            schema: schema.into(),
            name: name.into(),
            args: String::new(),
        },
    };
    assert_eq!(
        renames(&h),
        [
            (function("public", "f"), "g", None, false, "d.sql:3:1"),
            (function("app", "p2"), "p", Some("old"), true, "d.sql:5:1"),
        ]
    );
}
