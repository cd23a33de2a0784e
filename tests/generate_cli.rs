//! The `schemadiff generate` command's contract: bad input is a clear error that writes
//! nothing; existing directories written by hand are replayed and their numbering continued.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn generate(dir: &Path, format: &str, to: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args(["generate", "--format", format, "--dir"])
        .arg(dir)
        .arg("--to")
        .arg(to)
        .args(extra)
        .output()
        .unwrap()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

const TO: &str = "CREATE TABLE t (id int PRIMARY KEY, a text);\nCREATE INDEX t_a ON t (a);\n";

#[test]
fn a_file_of_another_format_is_refused_and_nothing_is_written() {
    let root = tempfile::tempdir().unwrap();
    let to = root.path().join("to.sql");
    std::fs::write(&to, TO).unwrap();
    let dir = root.path().join("m");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("1_init.up.sql"), "CREATE TABLE t (id int);\n").unwrap();
    let out = generate(&dir, "dbmate", &to, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1_init.up.sql: not a dbmate migration"),
        "{}",
        stderr(&out)
    );
    assert_eq!(listing(&dir), ["1_init.up.sql"]);
}

#[test]
fn a_migration_that_fails_to_replay_is_reported_at_its_line() {
    let root = tempfile::tempdir().unwrap();
    let to = root.path().join("to.sql");
    std::fs::write(&to, TO).unwrap();
    let dir = root.path().join("m");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("20240101000000_init.sql");
    std::fs::write(
        &file,
        "-- migrate:up\nCREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE missing ADD COLUMN x int;\n\n-- migrate:down\nDROP TABLE t;\n",
    )
    .unwrap();
    let out = generate(&dir, "dbmate", &to, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let expected = format!("{}:3:1", file.display());
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("\"missing\" does not exist"),
        "{}",
        stderr(&out)
    );
    assert_eq!(listing(&dir), ["20240101000000_init.sql"]);
}

#[test]
fn a_hand_written_goose_directory_is_replayed_and_its_numbering_continued() {
    let root = tempfile::tempdir().unwrap();
    let to = root.path().join("to.sql");
    std::fs::write(&to, TO).unwrap();
    let dir = root.path().join("m");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("00001_init.sql"),
        "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE t (id int PRIMARY KEY);\n-- +goose StatementEnd\n\n-- +goose Down\nDROP TABLE t;\n",
    )
    .unwrap();
    let out = generate(&dir, "goose", &to, &["--name", "add_a"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The column (expand, in a transaction) and the concurrent index (alone).
    assert_eq!(
        listing(&dir),
        [
            "00001_init.sql",
            "00002_add_a_expand_1.sql",
            "00003_add_a_expand_2.sql"
        ]
    );
    let index = std::fs::read_to_string(dir.join("00003_add_a_expand_2.sql")).unwrap();
    assert!(index.contains("-- +goose NO TRANSACTION"), "{index}");
    assert!(index.contains("CREATE INDEX CONCURRENTLY"), "{index}");
    // Again: the directory replays to the desired state, nothing is written.
    let again = generate(&dir, "goose", &to, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("nothing written"),
        "{}",
        stderr(&again)
    );
    assert_eq!(listing(&dir).len(), 3);
}

#[test]
fn code_formats_ask_for_from_when_the_directory_has_migrations() {
    let root = tempfile::tempdir().unwrap();
    let to = root.path().join("to.sql");
    std::fs::write(&to, TO).unwrap();
    let dir = root.path().join("versions");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("0001_init.py"),
        "revision = \"0001\"\ndown_revision = None\n\ndef upgrade():\n    pass\n",
    )
    .unwrap();
    let out = generate(&dir, "alembic", &to, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("pass --from"), "{}", stderr(&out));
    assert_eq!(listing(&dir), ["0001_init.py"]);
}

#[test]
fn a_name_that_cannot_go_into_file_names_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let to = root.path().join("to.sql");
    std::fs::write(&to, TO).unwrap();
    let dir = root.path().join("m");
    let out = generate(&dir, "plain", &to, &["--name", "../up"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--name"), "{}", stderr(&out));
    assert!(!dir.exists());
}

/// Django replays its own migrations into a shadow database when `--from` is absent (its
/// settings' database replaced by the shadow's), so a second run finds nothing to write.
#[test]
fn django_replays_its_own_migrations_without_from() {
    let django = Command::new("python3")
        .args(["-c", "import django, psycopg2"])
        .status()
        .is_ok_and(|s| s.success());
    if !django {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "django is not installed; .ci/run installs it"
        );
        eprintln!("skipped: django is not installed (.ci/run installs it)");
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let to = root.path().join("to.sql");
    std::fs::write(&to, TO).unwrap();
    std::fs::create_dir_all(root.path().join("shop/migrations")).unwrap();
    std::fs::write(root.path().join("shop/__init__.py"), "").unwrap();
    std::fs::write(
        root.path().join("manage.py"),
        "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"settings\")\n",
    )
    .unwrap();
    // The project's own database does not exist: only the shadow may be used.
    std::fs::write(
        root.path().join("settings.py"),
        "SECRET_KEY = \"x\"\nINSTALLED_APPS = [\"shop\"]\nDATABASES = {\"default\": {\"ENGINE\": \"django.db.backends.postgresql\", \"NAME\": \"no_such_database\", \"HOST\": \"/nonexistent\"}}\n",
    )
    .unwrap();
    let dir = root.path().join("shop/migrations");
    let base = root.path().join("base.sql");
    std::fs::write(&base, "CREATE TABLE t (id int PRIMARY KEY, a text);\n").unwrap();
    let first = generate(&dir, "django", &base, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(listing(&dir), ["0001_schemadiff_expand.py", "__init__.py"]);
    // Replayed by Django: the table exists, so the index is built concurrently, alone.
    let second = generate(&dir, "django", &to, &["--name", "idx"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let written = listing(&dir);
    assert_eq!(
        written,
        [
            "0001_schemadiff_expand.py",
            "0002_idx_expand.py",
            "__init__.py"
        ]
    );
    let index = std::fs::read_to_string(dir.join("0002_idx_expand.py")).unwrap();
    assert!(
        index.contains("atomic = False") && index.contains("CONCURRENTLY"),
        "{index}"
    );
    let again = generate(&dir, "django", &to, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("nothing written"),
        "{}",
        stderr(&again)
    );
    assert_eq!(listing(&dir), written);
}

/// The runners' bookkeeping is never schema, for `plan` too: a database with every runner's
/// history table (and sqitch's schema) plans to nothing against a desired state without them.
#[test]
fn plan_leaves_every_runners_bookkeeping_out() {
    let db = common::test_db("gen_bookkeeping");
    let mut sql =
        String::from("CREATE SCHEMA sqitch; CREATE TABLE sqitch.changes (id text PRIMARY KEY);\n");
    for table in schemadiff::bookkeeping::RUNNER_TABLES {
        sql.push_str(&format!(
            "CREATE TABLE public.{table} (id serial PRIMARY KEY, version text UNIQUE);\n"
        ));
    }
    sql.push_str(TO);
    db.psql(&sql).unwrap();
    let root = tempfile::tempdir().unwrap();
    let to = root.path().join("to.sql");
    std::fs::write(&to, TO).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args(["plan", "--exit-code", "--from", db.conn_string(), "--to"])
        .arg(&to)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
}
