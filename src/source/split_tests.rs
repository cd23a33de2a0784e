use super::*;

fn sqls(text: &str) -> Vec<String> {
    split(Path::new("f.sql"), text)
        .unwrap()
        .into_iter()
        .map(|item| match item {
            Item::Sql(c) => c.sql,
            Item::Meta { command, .. } => format!("\\{command}"),
        })
        .collect()
}

fn chunks(text: &str) -> Vec<Chunk> {
    split(Path::new("f.sql"), text)
        .unwrap()
        .into_iter()
        .filter_map(|item| match item {
            Item::Sql(c) => Some(c),
            Item::Meta { .. } => None,
        })
        .collect()
}

#[test]
fn splits_on_semicolons_and_drops_empty_statements() {
    assert_eq!(
        sqls("create table a (x int);;\n ; create table b (y int)\n"),
        ["create table a (x int)", "create table b (y int)"]
    );
}

#[test]
fn single_quotes_with_doubled_quotes() {
    assert_eq!(
        sqls("comment on table a is 'it''s; fine'; select 1"),
        ["comment on table a is 'it''s; fine'", "select 1"]
    );
}

#[test]
fn escape_strings_take_backslashes() {
    assert_eq!(
        sqls(r"comment on table a is E'x\'; y'; comment on table b is e'\\'; x"),
        [
            r"comment on table a is E'x\'; y'",
            r"comment on table b is e'\\'",
            "x"
        ]
    );
    // In a standard string a backslash is an ordinary character.
    assert_eq!(sqls(r"select 'a\'; select 2"), [r"select 'a\'", "select 2"]);
}

#[test]
fn quoted_identifiers() {
    assert_eq!(
        sqls(r#"create table "a;""b" (x int); x"#),
        [r#"create table "a;""b" (x int)"#, "x"]
    );
}

#[test]
fn dollar_quotes_with_and_without_tags() {
    let text = "create function f() returns int language sql as $$ select 1; $$;\n\
                create function g() returns int language plpgsql as $body$ begin return $1; $x$ ; end $body$;\n\
                select $1";
    assert_eq!(
        sqls(text),
        [
            "create function f() returns int language sql as $$ select 1; $$",
            "create function g() returns int language plpgsql as $body$ begin return $1; $x$ ; end $body$",
            "select $1",
        ]
    );
    // `$` inside an identifier is not a dollar quote.
    assert_eq!(
        sqls("create table a$b (x int); y"),
        ["create table a$b (x int)", "y"]
    );
}

#[test]
fn comments_are_skipped_and_nest() {
    assert_eq!(
        sqls(
            "-- lead; comment\n/* a /* nested; */ still; */ create table a (x int /* ; */); -- tail;\n"
        ),
        ["create table a (x int /* ; */)"]
    );
}

#[test]
fn begin_atomic_bodies_keep_their_semicolons() {
    let f = "create function f(a int) returns int language sql\nbegin atomic\n  select case when a > 0 then 1 else 0 end;\n  select case a when 1 then case when true then 2 end end;\nend";
    let text = format!("{f};\ncreate table t (x int);");
    assert_eq!(sqls(&text), [f, "create table t (x int)"]);
    let p =
        "CREATE PROCEDURE p() BEGIN ATOMIC insert into t values (1); insert into t values (2); END";
    assert_eq!(sqls(&format!("{p}; x")), [p, "x"]);
    // A transaction's BEGIN is no function body.
    assert_eq!(sqls("begin; x"), ["begin", "x"]);
}

#[test]
fn locations_are_one_based_in_characters() {
    let text = "-- héllo\n\n  create table a (x int);  create table \"é\" (y int);\n\tcomment on table a is 'ü\nü'; x";
    let got: Vec<(usize, usize)> = chunks(text)
        .iter()
        .map(|c| (c.location.line, c.location.column))
        .collect();
    assert_eq!(got, [(3, 3), (3, 28), (4, 2), (5, 5)]);
    assert_eq!(chunks(text)[0].location.to_string(), "f.sql:3:3");
}

#[test]
fn annotations_attach_to_the_next_statement() {
    let text = "create table a (x int);\n-- plain\n-- schemadiff:rename from=old_b\ncreate table b (\n  -- schemadiff:backfill using=\"x + 1\"\n  y int);";
    let c = chunks(text);
    assert!(c[0].annotations.is_empty());
    assert_eq!(c[1].annotations.len(), 2);
    assert_eq!(c[1].annotations[0].key, "rename");
    assert_eq!(c[1].annotations[0].args["from"], "old_b");
    assert_eq!(c[1].annotations[0].location.line, 3);
    assert_eq!(c[1].annotations[1].key, "backfill");
    assert_eq!(c[1].annotations[1].location.column, 3);
    assert_eq!(c[1].annotations[0].subject, None);
    assert_eq!(c[1].annotations[1].subject.as_deref(), Some("y"));
}

#[test]
fn annotations_inside_create_table_name_their_column() {
    let text = "create unlogged table t (\n  -- schemadiff:renamed from=a\n  -- schemadiff:backfill using=\"1\"\n  /* c */ UserName text,\n  -- schemadiff:renamed from=b\n  \"Mixed \"\"Case\"\"\" int, exclude int,\n  -- schemadiff:renamed from=c\n  exclude\n  int, primary key (exclude)\n);";
    let c = chunks(text);
    let subjects: Vec<Option<&str>> = c[0]
        .annotations
        .iter()
        .map(|a| a.subject.as_deref())
        .collect();
    assert_eq!(
        subjects,
        [
            Some("username"),
            Some("username"),
            Some("Mixed \"Case\""),
            Some("exclude")
        ]
    );
    // Inside other statements the next identifier is recorded; the hints builder judges.
    assert_eq!(
        split_err("create view v as select\n-- schemadiff:renamed from=x\n  1 as \"A\""),
        "f.sql:2:1: schemadiff annotation: an annotation inside a statement must stand directly above a column definition, not above `1`"
    );
    assert_eq!(
        split_err("create view v as select 1 as a,\n-- schemadiff:renamed from=x\n  E'x' as b"),
        "f.sql:2:1: schemadiff annotation: an annotation inside a statement must stand directly above a column definition, not above `E'x'`"
    );
    let c = chunks("create view v as select 1 as a,\n-- schemadiff:renamed from=x\n  \"B\" from t");
    assert_eq!(c[0].annotations[0].subject.as_deref(), Some("B"));
}

fn split_err(text: &str) -> String {
    split(Path::new("f.sql"), text).unwrap_err().to_string()
}

#[test]
fn annotations_above_table_constraints_are_errors() {
    for constraint in [
        "constraint t_pk primary key (a)",
        "PRIMARY KEY (a)",
        "unique (a)",
        "check (a > 0)",
        "foreign key (a) references u",
        "like u",
        "exclude using gist (a with =)",
        "exclude (a with =)",
    ] {
        let text = format!(
            "create table t (\n  a int,\n    -- schemadiff:renamed from=x\n  {constraint}\n);"
        );
        let word = constraint.split(' ').next().unwrap().to_ascii_uppercase();
        assert_eq!(
            split_err(&text),
            format!(
                "f.sql:3:5: schemadiff annotation: an annotation cannot stand above a table constraint ({word}); annotate a column, or the CREATE TABLE statement"
            ),
            "{constraint}"
        );
    }
    // Quoted, these are column names.
    let c = chunks("create table t (\n-- schemadiff:renamed from=x\n\"check\" int)");
    assert_eq!(c[0].annotations[0].subject.as_deref(), Some("check"));
}

#[test]
fn misplaced_annotations_inside_statements_are_errors() {
    assert_eq!(
        split_err("create table t (a\n  -- schemadiff:renamed from=x\n  int)"),
        "f.sql:2:3: schemadiff annotation: inside CREATE TABLE an annotation must stand directly above a column definition, not elsewhere in the statement"
    );
    assert_eq!(
        split_err("create table t (a int check (a > 0\n-- schemadiff:renamed from=x\n, b > 0))"),
        "f.sql:2:1: schemadiff annotation: inside CREATE TABLE an annotation must stand directly above a column definition, not elsewhere in the statement"
    );
    assert_eq!(
        split_err("create table t (a int,\n -- schemadiff:renamed from=x\n);"),
        "f.sql:2:2: schemadiff annotation: inside CREATE TABLE an annotation must stand directly above a column definition, not above `);`"
    );
    assert_eq!(
        split_err("create table t (a int)\n -- schemadiff:renamed from=x\n;"),
        "f.sql:2:2: schemadiff annotation: an annotation inside a statement must stand directly above a column definition; this one is followed by the end of the statement"
    );
    assert_eq!(
        split_err("create table t (a int)\n -- schemadiff:renamed from=x\n with (fillfactor = 70)"),
        "f.sql:2:2: schemadiff annotation: inside CREATE TABLE an annotation must stand directly above a column definition, not elsewhere in the statement"
    );
    assert_eq!(
        split_err("create table t (a int)\n -- schemadiff:renamed from=x\n"),
        "f.sql:2:2: schemadiff annotation: an annotation inside a statement must stand directly above a column definition; this one is followed by the end of the statement"
    );
}

#[test]
fn dangling_annotation_is_an_error() {
    let err = split(
        Path::new("f.sql"),
        "create table a (x int);\n-- schemadiff:rename from=x\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "f.sql:2:1: schemadiff annotation: an annotation must stand directly above a SQL statement"
    );
}

#[test]
fn unterminated_things_point_at_their_start() {
    for (text, want) in [
        (
            "select 1;\n select 'abc",
            "f.sql:2:9: unterminated string literal",
        ),
        ("select \"abc", "f.sql:1:8: unterminated quoted identifier"),
        ("x; /* /* */", "f.sql:1:4: unterminated /* comment"),
        (
            "create function f() as $a$ select",
            "f.sql:1:24: unterminated dollar-quoted string $a$",
        ),
        ("select E'\\'", "f.sql:1:8: unterminated string literal"),
    ] {
        assert_eq!(
            split(Path::new("f.sql"), text).unwrap_err().to_string(),
            want
        );
    }
}

#[test]
fn meta_commands_are_items() {
    let items = split(Path::new("f.sql"), "x;\n\\ir  sub/a.sql  \ny").unwrap();
    assert_eq!(
        items[1],
        Item::Meta {
            command: "ir".into(),
            argument: "sub/a.sql".into(),
            location: Location {
                file: "f.sql".into(),
                line: 2,
                column: 1
            }
        }
    );
    assert_eq!(items.len(), 3);
    assert!(split(Path::new("f.sql"), "create table\n\\i x.sql\n").is_err());
}

#[test]
fn leading_words_skip_comments() {
    assert_eq!(
        leading_words("/* c */ -- x\n create OR replace view v as", 4),
        ["CREATE", "OR", "REPLACE", "VIEW"]
    );
    assert_eq!(leading_words("create table \"x\"", 4), ["CREATE", "TABLE"]);
}
