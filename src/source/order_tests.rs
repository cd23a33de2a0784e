use super::*;
use crate::source::read_desired;
use std::path::Path;

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn ordered(files: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), files);
    order(read_desired(dir.path()).unwrap())
        .unwrap()
        .into_iter()
        .map(|s| s.sql)
        .collect()
}

const SCHEMA: &str = "create schema app";
const EXT: &str = "create extension citext with schema app";
const TYPE: &str = "create type app.mood as enum ('ok')";
const T: &str = "create table app.t (id int primary key, m app.mood, e citext)";
const U: &str = "create table app.u (id int references app.t (id))";
const V: &str = "create view app.v as select * from app.t join app.u using (id)";
const IDX: &str = "create index u_i on app.u (id)";
const CMT: &str = "comment on view app.v is 'v'";

fn assert_valid(order: &[String]) {
    let pos = |s: &str| order.iter().position(|o| o == s).unwrap();
    for (before, after) in [
        (SCHEMA, EXT),
        (SCHEMA, TYPE),
        (EXT, T),
        (TYPE, T),
        (T, U),
        (T, V),
        (U, V),
        (U, IDX),
        (V, CMT),
    ] {
        assert!(
            pos(before) < pos(after),
            "{before} must precede {after}: {order:#?}"
        );
    }
}

#[test]
fn order_independent_of_file_order_and_splits() {
    let scrambled = format!("{CMT};\n{V};\n{IDX};\n{U};\n{T};\n{TYPE};\n{EXT};\n{SCHEMA};\n");
    let one_file = ordered(&[("all.sql", &scrambled)]);
    assert_valid(&one_file);
    let split = ordered(&[
        ("a.sql", &format!("{V};\n{CMT};")),
        ("b/c.sql", &format!("{U};\n{IDX};\n{T};")),
        ("z.sql", &format!("{EXT};\n{TYPE};\n{SCHEMA};")),
    ]);
    assert_valid(&split);
    let other_split = ordered(&[
        ("0.sql", &format!("{IDX};\n{SCHEMA};")),
        ("1.sql", &format!("{CMT};\n{T};\n{V};\n{TYPE};")),
        ("2.sql", &format!("{U};\n{EXT};")),
    ]);
    assert_valid(&other_split);
}

#[test]
fn ready_statements_keep_file_order() {
    let got = ordered(&[
        ("b.sql", "create table b (x int);\ncreate table a (x int);"),
        ("a.sql", "create table c (x int);"),
    ]);
    assert_eq!(
        got,
        [
            "create table c (x int)",
            "create table b (x int)",
            "create table a (x int)"
        ]
    );
}

#[test]
fn cycle_is_reported_whole_with_locations() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[(
            "c.sql",
            "create table solo (x int);\ncreate view a as select * from b;\ncreate view b as select * from c;\ncreate view c as select * from a;\n",
        )],
    );
    let err = order(read_desired(dir.path()).unwrap()).unwrap_err();
    let SourceError::Cycle { members } = &err else {
        panic!("{err}")
    };
    let lines: Vec<usize> = members.iter().map(|(l, _)| l.line).collect();
    // Each member creates what the next one needs: a -> c -> b -> a.
    assert_eq!(lines, [2, 4, 3]);
    let text = err.to_string();
    assert!(
        text.starts_with("dependency cycle between statements:\n"),
        "{text}"
    );
    assert!(text.contains("c.sql:2:1: create view a as select * from b (creates relation public.a, needed by the next)"), "{text}");
    assert!(!text.contains("solo"));
}
