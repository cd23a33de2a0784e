use super::*;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn directory_is_read_recursively_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.sql", "create table b (x int);");
    write(
        dir.path(),
        "a/z.sql",
        "create table z (x int);\n\n  create table y (x int);",
    );
    write(dir.path(), "notes.txt", "drop table x;");
    let stmts = read_desired(dir.path()).unwrap();
    let got: Vec<String> = stmts
        .iter()
        .map(|s| format!("{} {}", s.location, s.sql))
        .collect();
    let d = dir.path().display();
    assert_eq!(
        got,
        [
            format!("{d}/a/z.sql:1:1 create table z (x int)"),
            format!("{d}/a/z.sql:3:3 create table y (x int)"),
            format!("{d}/b.sql:1:1 create table b (x int)"),
        ]
    );
    assert_eq!(stmts[0].kind, StatementKind::CreateTable);
}

#[test]
fn includes_are_followed() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.sql",
        "create schema app;\n\\ir parts/t.sql\ncreate view app.v as select 1 as x;",
    );
    write(dir.path(), "parts/t.sql", "create table app.t (x int);");
    let stmts = read_desired(&dir.path().join("main.sql")).unwrap();
    let sql: Vec<&str> = stmts.iter().map(|s| s.sql.as_str()).collect();
    assert_eq!(
        sql,
        [
            "create schema app",
            "create table app.t (x int)",
            "create view app.v as select 1 as x"
        ]
    );
    assert!(stmts[1].location.file.ends_with("parts/t.sql"));
    // \i is relative to the working directory, so an absolute path works from anywhere.
    write(
        dir.path(),
        "abs.sql",
        &format!("\\i {}\n", dir.path().join("parts/t.sql").display()),
    );
    assert_eq!(read_desired(&dir.path().join("abs.sql")).unwrap().len(), 1);
}

#[test]
fn include_cycles_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.sql", "create table a (x int);\n\\ir b.sql\n");
    write(dir.path(), "b.sql", "\\ir a.sql\n");
    let err = read_desired(&dir.path().join("a.sql")).unwrap_err();
    assert!(matches!(err, SourceError::IncludeCycle { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains("b.sql:1:1: include cycle: "), "{text}");
    assert!(text.contains("a.sql:2:1 -> "), "{text}");
}

#[test]
fn other_meta_commands_are_rejected_with_location() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "m.sql",
        "create table a (x int);\n\\set ON_ERROR_STOP on\n",
    );
    let err = read_desired(&dir.path().join("m.sql")).unwrap_err();
    assert!(
        err.to_string().ends_with("m.sql:2:1: psql meta-command \\set is not supported in a desired state; only \\i and \\ir includes are"),
        "{err}"
    );
}

#[test]
fn rejected_statement_is_located_in_its_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "r.sql",
        "create table a (x int);\n\n   insert into a values (1);\n",
    );
    let err = read_desired(dir.path()).unwrap_err();
    assert_eq!(err.location().map(|l| (l.line, l.column)), Some((3, 4)));
}

#[test]
fn missing_path_is_an_io_error() {
    let err = read_desired(Path::new("/nonexistent/schemadiff")).unwrap_err();
    assert!(matches!(err, SourceError::Io { .. }));
}

fn read(text: &str) -> Vec<Statement> {
    read_bytes(Path::new("t.sql"), text.as_bytes()).unwrap()
}

fn strings(names: &[super::ObjectName]) -> Vec<String> {
    names.iter().map(ToString::to_string).collect()
}

#[test]
fn search_path_decides_where_unqualified_names_are() {
    let stmts = read(
        "SET search_path = app, public;\n\
         create view v as select * from t join u using (x);\n\
         create table t (x int);\n\
         create table public.u (x int);\n\
         create schema app;\n",
    );
    assert_eq!(stmts.len(), 4, "the SET is no statement of its own");
    assert_eq!(strings(&stmts[0].creates), ["relation app.v", "type app.v"]);
    // t is created in app, u only in public: each resolves where it is.
    let refs = strings(&stmts[0].references);
    for want in ["relation app.t", "relation public.u", "schema app"] {
        assert!(
            refs.contains(&want.to_string()),
            "{want} missing in {refs:?}"
        );
    }
    assert_eq!(strings(&stmts[1].creates), ["relation app.t", "type app.t"]);
    assert_eq!(
        stmts[1].session.search_path,
        Some(vec!["app".to_string(), "public".to_string()])
    );
    // CREATE SCHEMA is not affected, and every statement after the SET carries it.
    assert_eq!(strings(&stmts[3].creates), ["schema app"]);
    assert!(
        stmts
            .iter()
            .all(|s| s.session.settings.contains_key("search_path"))
    );
}

#[test]
fn a_setting_lasts_for_its_file_and_the_files_it_includes() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.sql",
        "SET search_path = app;\n\\ir inc/b.sql\ncreate table a1 (x int);\n",
    );
    write(
        dir.path(),
        "inc/b.sql",
        "create table b1 (x int);\nSET search_path = other;\n",
    );
    write(dir.path(), "c.sql", "create table c1 (x int);\n");
    let stmts = read_desired(dir.path()).unwrap();
    let created: Vec<String> = stmts.iter().map(|s| s.creates[0].to_string()).collect();
    // a.sql is read first; inc/b.sql is read only through its include (and again on its own).
    assert_eq!(
        created,
        [
            "relation app.b1",
            "relation other.a1",
            "relation public.c1",
            "relation public.b1"
        ]
    );
}

#[test]
fn a_pg_dump_prelude_is_read_and_owners_are_dropped() {
    let stmts = read(
        "--\n-- PostgreSQL database dump\n--\n\n\\restrict AbC123\n\n\
         SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n\
         SELECT pg_catalog.set_config('search_path', '', false);\nSET check_function_bodies = false;\n\
         SET xmloption = content;\nSET client_min_messages = warning;\nSET row_security = off;\n\n\
         CREATE SCHEMA app;\n\nALTER SCHEMA app OWNER TO postgres;\n\
         SET default_tablespace = '';\nSET default_table_access_method = heap;\n\
         CREATE TABLE app.t (id integer NOT NULL);\nALTER TABLE app.t OWNER TO postgres;\n\
         ALTER TABLE ONLY app.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n\n\\unrestrict AbC123\n",
    );
    let sql: Vec<&str> = stmts.iter().map(|s| s.sql.as_str()).collect();
    assert_eq!(
        sql,
        [
            "CREATE SCHEMA app",
            "CREATE TABLE app.t (id integer NOT NULL)",
            "ALTER TABLE ONLY app.t ADD CONSTRAINT t_pkey PRIMARY KEY (id)"
        ]
    );
    assert_eq!(stmts[0].session.search_path, Some(vec![]));
    let applied: Vec<&str> = stmts[2]
        .session
        .settings
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        applied,
        [
            "default_table_access_method",
            "default_tablespace",
            "search_path",
            "xmloption"
        ]
    );
    assert_eq!(stmts[2].session.settings["search_path"].location.line, 10);
    assert!(strings(&stmts[2].references).contains(&"relation app.t".to_string()));
}

#[test]
fn role_blocks_are_kept_as_skipped_statements_with_a_warning() {
    let stmts = read(
        "\n  DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app') THEN CREATE ROLE app; END IF; END $$;\ncreate table t (x int);",
    );
    assert_eq!(stmts[0].kind, StatementKind::RoleBlock);
    assert!(stmts[0].creates.is_empty() && stmts[0].references.is_empty());
    assert_eq!(
        stmts[0].warning().unwrap(),
        "t.sql:2:3: DO block skipped: it creates roles, which are cluster-wide and not managed by schemadiff; create them outside the desired state"
    );
    assert_eq!(stmts[1].warning(), None);
    let err = read_bytes(
        Path::new("t.sql"),
        b"DO $$ BEGIN CREATE TABLE t (); END $$;",
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("t.sql:1:1: DO: anonymous code blocks"),
        "{err}"
    );
}

#[test]
fn bytes_that_are_not_sql_text_are_located() {
    let err = read_bytes(
        Path::new("t.sql"),
        b"create table a (x int);\n-- h\xc3\xa9 \xff\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.sql:2:7: invalid UTF-8 (byte 0xff); desired files must be UTF-8, convert it with iconv -t UTF-8"
    );
    let err = read_bytes(Path::new("t.sql"), b"create table a (x\0 int);").unwrap_err();
    assert!(
        err.to_string().starts_with("t.sql:1:18: NUL character"),
        "{err}"
    );
    // A byte-order mark is no part of the first statement.
    let stmts = read_bytes(
        Path::new("t.sql"),
        "\u{feff}create table a (x int);".as_bytes(),
    )
    .unwrap();
    assert_eq!(stmts[0].kind, StatementKind::CreateTable);
    assert_eq!(stmts[0].location.column, 1);
    let err = read_bytes(Path::new("t.sql"), b"\\ir other.sql\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("t.sql:1:1: includes are not followed"),
        "{err}"
    );
}

/// Statements about kinds the model does not hold are refused where they stand, unless
/// marked `-- schemadiff:external`; statements that merely look alike are not.
#[test]
fn unmanaged_kinds_are_refused_unless_external() {
    let file = Path::new("u.sql");
    for (sql, words) in [
        (
            "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq)",
            "CREATE OPERATOR",
        ),
        (
            "create operator class c for type int using btree as operator 1 <",
            "CREATE OPERATOR",
        ),
        (
            "CREATE TEXT SEARCH CONFIGURATION c (COPY = simple)",
            "CREATE TEXT SEARCH",
        ),
        ("CREATE FOREIGN TABLE f (x int) SERVER s", "CREATE FOREIGN"),
        (
            "CREATE OR REPLACE TRUSTED PROCEDURAL LANGUAGE l HANDLER h",
            "CREATE OR REPLACE TRUSTED PROCEDURAL LANGUAGE",
        ),
        (
            "CREATE DEFAULT CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM f",
            "CREATE DEFAULT CONVERSION",
        ),
        ("COMMENT ON CAST (int AS text) IS 'x'", "COMMENT ON CAST"),
    ] {
        let err = read_bytes(file, format!("\n  {sql};\n").as_bytes()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("u.sql:2:3: {words}: "))
                && text.contains("schemadiff:external"),
            "{sql}: {text}"
        );
        let marked = format!("-- schemadiff:external\n{sql};\n");
        let stmts = read_bytes(file, marked.as_bytes()).unwrap();
        assert_eq!(stmts.len(), 1, "{sql}");
    }
    for sql in [
        "CREATE UNIQUE INDEX i ON t (x)",
        "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC",
        "CREATE TYPE mood AS ENUM ('range')",
        "CREATE TYPE \"My S\".\"Span\" AS RANGE (subtype = int4)",
        "CREATE TYPE s.pair AS (range int4range, x int)",
        "ALTER TABLE t ALTER COLUMN x SET STATISTICS 100",
        "COMMENT ON COLUMN t.x IS 'operator'",
        "CREATE CONSTRAINT TRIGGER g AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
        "CREATE TRIGGER g AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
        "CREATE OR REPLACE AGGREGATE s.total(int) (SFUNC = int4pl, STYPE = int)",
        "COMMENT ON AGGREGATE s.total(int) IS 'operator'",
        "CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f()",
        "ALTER EVENT TRIGGER e ENABLE ALWAYS",
        "CREATE PUBLICATION p FOR TABLE t WITH (publish = 'insert')",
        "COMMENT ON PUBLICATION p IS 'x'",
        "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler",
        "COMMENT ON ACCESS METHOD heap2 IS 'x'",
        "CREATE TABLE t (x int) USING heap2",
    ] {
        assert!(
            read_bytes(file, format!("{sql};").as_bytes()).is_ok(),
            "{sql}"
        );
    }
}

/// The database-wide kinds name what they create, so `-- schemadiff:external` can leave it
/// out of the diff.
#[test]
fn publications_and_event_triggers_name_what_they_create() {
    let stmts = read_bytes(
        Path::new("e.sql"),
        b"CREATE PUBLICATION \"Feed\" FOR ALL TABLES;\n\
          create event trigger audit on ddl_command_end execute function f();\n\
          CREATE ACCESS METHOD \"Col\" TYPE TABLE HANDLER heap_tableam_handler;\n",
    )
    .unwrap();
    assert_eq!(strings(&stmts[0].creates), ["publication \"Feed\""]);
    assert_eq!(strings(&stmts[1].creates), ["event trigger audit"]);
    assert_eq!(strings(&stmts[2].creates), ["access method \"Col\""]);
    // What a publication names, for the scope's copy of outside schemas.
    let stmts = read_bytes(
        Path::new("e.sql"),
        b"CREATE PUBLICATION p FOR TABLE ONLY app.t (a, b) WHERE (a > 0), shared.\"Users\",\n\
          TABLES IN SCHEMA audit, \"Other\" WITH (publish = 'insert');\n",
    )
    .unwrap();
    assert_eq!(strings(&stmts[0].creates), ["publication p"]);
    assert_eq!(
        strings(&stmts[0].references),
        [
            "schema \"Other\"",
            "schema app",
            "schema audit",
            "schema shared",
            "relation app.t",
            "relation shared.\"Users\""
        ]
    );
}

/// The README's "What it does not manage" names every kind `read` refuses, in its order.
#[test]
fn readme_lists_the_unmanaged_kinds() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## What it does not manage")
        .nth(1)
        .and_then(|s| s.split("\n\n").nth(1))
        .expect("README has the section")
        .replace('\n', " ");
    let listed: Vec<&str> = crate::source::classify::UNMANAGED
        .iter()
        .map(|(_, what)| *what)
        .collect();
    let expected = format!("These kinds are not in the model: {}.", listed.join("; "));
    assert_eq!(section, expected);
}

#[test]
fn with_owners_the_owner_changes_of_managed_kinds_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.sql",
        "CREATE TABLE t (id integer);\nALTER TABLE t OWNER TO app;\n\
         ALTER OPERATOR public.=(integer, integer) OWNER TO app;\n",
    );
    let sql = |owners| -> Vec<String> {
        read_desired_with(dir.path(), owners)
            .unwrap()
            .into_iter()
            .map(|s| s.sql)
            .collect()
    };
    assert_eq!(sql(false), ["CREATE TABLE t (id integer)"]);
    // An operator's owner is never managed: dropped either way.
    assert_eq!(
        sql(true),
        ["CREATE TABLE t (id integer)", "ALTER TABLE t OWNER TO app"]
    );
}
