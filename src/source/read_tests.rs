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
