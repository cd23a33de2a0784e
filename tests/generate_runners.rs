//! `schemadiff generate` checked by the real runners: for each runner that installs here
//! (dbmate, sqitch, Liquibase, Alembic, Django; `.ci/run` installs them), migrations are generated for
//! corpus cases with several phases (a concurrent index, a backfill with `using=`, NOT NULL
//! through a check, a dropped column), the runner runs them up and the schema must equal the
//! desired one (our catalog comparison and the pg_dump oracle, as in the convergence loop),
//! then down, and it must equal the original. Generating again writes nothing; the directory
//! resumes. A runner that is not installed fails the test under `CI=true` and skips it (with
//! the reason printed) elsewhere.

mod common;
#[path = "generate_runners/runners.rs"]
mod runners;

use common::{TestDb, pgdump, test_db};
use runners::{
    Alembic, Dbmate, Django, Liquibase, Sqitch, ci_bin, liquibase, on_path, python_with,
};
use schemadiff::connect;
use schemadiff::introspect::{Filter, introspect};
use schemadiff::model::Catalog;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Cases whose plans have several phases: concurrent index, backfill, NOT NULL by a
/// validated check, a dropped column kept in a backup.
const CASES: [&str; 4] = [
    "data__not_null_column_backfilled",
    "index__add",
    "online__set_not_null_with_rows",
    "data__drop_column_keeps_backup",
];

fn case(name: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name)
        .join(file)
}

/// Where a runner is, or why it is not: a failure under CI, a printed skip elsewhere.
fn require(found: Option<PathBuf>, what: &str) -> Option<PathBuf> {
    if found.is_some() {
        return found;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} is not installed; .ci/run installs it");
    }
    eprintln!("skipped: {what} is not installed (.ci/run installs it)");
    None
}

/// Host (socket directory), port and user of a test database.
fn parts(db: &TestDb) -> (String, u16, String) {
    let config: tokio_postgres::Config = db.conn_string().parse().unwrap();
    let host = match &config.get_hosts()[0] {
        tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
        tokio_postgres::config::Host::Tcp(h) => h.clone(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    (
        host,
        port,
        config.get_user().unwrap_or("postgres").to_string(),
    )
}

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// `schemadiff generate`; returns its stderr.
fn generate(dir: &Path, format: &str, to: &Path, name: &str, from: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_schemadiff"));
    cmd.args(["generate", "--format", format, "--name", name, "--dir"])
        .arg(dir)
        .arg("--to")
        .arg(to);
    if let Some(f) = from {
        cmd.args(["--from", f]);
    }
    run(&mut cmd, &format!("generate {format} {name}"))
}

/// Every file under `dir` with its contents.
fn snapshot(dir: &Path) -> BTreeSet<(PathBuf, String)> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with("__pycache__") {
                    stack.push(p);
                }
            } else {
                out.insert((p.clone(), std::fs::read_to_string(&p).unwrap_or_default()));
            }
        }
    }
    out
}

async fn catalog(db: &TestDb) -> Catalog {
    let opts = connect::ConnectOptions::parse(db.conn_string()).unwrap();
    let client = connect::connect(&opts).await.unwrap();
    let mut c = introspect(&client, &Filter::default()).await.unwrap();
    for t in c.tables.values_mut() {
        t.columns.sort_by(|a, b| a.name.cmp(&b.name));
    }
    c
}

/// The database must have the schema of `expected` (a database loaded from SQL files).
async fn same_schema(db: &TestDb, expected: &TestDb, what: &str) {
    let (a, b) = (catalog(db).await, catalog(expected).await);
    assert!(a == b, "{what}: catalogs differ:\n{}", {
        let a = serde_json::to_string_pretty(&a).unwrap();
        let b = serde_json::to_string_pretty(&b).unwrap();
        similar::TextDiff::from_lines(&b, &a)
            .unified_diff()
            .to_string()
            .lines()
            .take(40)
            .collect::<Vec<_>>()
            .join("\n")
    });
    pgdump::same(
        &pgdump::schema(db).unwrap(),
        &pgdump::schema(expected).unwrap(),
        what,
    )
    .unwrap();
}

fn loaded(prefix: &str, file: &Path) -> TestDb {
    let db = test_db(prefix);
    db.psql_file(file).unwrap();
    db
}

/// A runner driven by the test: up over every migration, down the last `count`.
trait Runner {
    fn format(&self) -> &'static str;
    /// Where its migrations go under the project root.
    fn dir(&self, root: &Path) -> PathBuf {
        root.join("migrations")
    }
    fn setup(&self, _root: &Path) {}
    fn up(&self, root: &Path, db: &TestDb);
    fn down(&self, root: &Path, db: &TestDb, count: usize);
    /// Code formats are replayed from the database the runner migrated.
    fn needs_from(&self) -> bool {
        false
    }
    /// The corpus cases it runs (a runner that starts slowly runs fewer).
    fn cases(&self) -> &'static [&'static str] {
        &CASES
    }
}

/// The whole check for one runner over every case.
async fn check(runner: &dyn Runner) {
    let mut total = 0;
    for name in runner.cases() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        runner.setup(root);
        let dir = runner.dir(root);
        let (from_sql, to_sql) = (case(name, "from.sql"), case(name, "to.sql"));
        let what = format!("{} {name}", runner.format());
        let db = test_db("gen_runner");
        let from = runner.needs_from().then(|| db.conn_string().to_string());

        // The directory starts as the `from` state, written by generate and run by the runner.
        generate(&dir, runner.format(), &from_sql, "base", from.as_deref());
        runner.up(root, &db);
        let data = case(name, "data.sql");
        if data.exists() {
            db.psql_file(&data).unwrap();
        }
        let from_db = loaded("gen_from", &from_sql);
        same_schema(&db, &from_db, &format!("{what}: base")).await;

        // The change: only new files; every old one unchanged.
        let before = snapshot(root);
        generate(&dir, runner.format(), &to_sql, "change", from.as_deref());
        let after = snapshot(root);
        let new: Vec<_> = after.difference(&before).collect();
        assert!(!new.is_empty(), "{what}: the change wrote no files");
        for (path, _) in before.difference(&after) {
            // sqitch appends to its plan; nothing else is rewritten.
            assert!(
                path.ends_with("sqitch.plan"),
                "{what}: {} was changed",
                path.display()
            );
        }
        let count = migrations(runner, &dir, &before, &after);
        assert!(count >= 1, "{what}: the change has no migration");
        total += count;
        runner.up(root, &db);
        let to_db = loaded("gen_to", &to_sql);
        same_schema(&db, &to_db, &format!("{what}: up")).await;

        // Nothing changed: nothing written.
        let stderr = generate(&dir, runner.format(), &to_sql, "again", from.as_deref());
        assert_eq!(
            snapshot(root),
            after,
            "{what}: a second generate wrote files"
        );
        assert!(stderr.contains("nothing written"), "{what}: {stderr}");

        // Down: the change's migrations, back to the original.
        runner.down(root, &db, count);
        same_schema(&db, &from_db, &format!("{what}: down")).await;
    }
    // Several phases, and non-transactional statements split out: more migrations than cases.
    assert!(
        total > 2 * runner.cases().len(),
        "{}: only {total} migrations",
        runner.format()
    );
}

/// How many migrations the change added (files matching the runner's up part).
fn migrations(
    runner: &dyn Runner,
    dir: &Path,
    before: &BTreeSet<(PathBuf, String)>,
    after: &BTreeSet<(PathBuf, String)>,
) -> usize {
    let names = |s: &BTreeSet<(PathBuf, String)>| -> BTreeSet<PathBuf> {
        s.iter().map(|(p, _)| p.clone()).collect()
    };
    let added: Vec<PathBuf> = names(after).difference(&names(before)).cloned().collect();
    added
        .iter()
        .filter(|p| match runner.format() {
            "sqitch" => p.starts_with(dir.join("deploy")),
            "django" | "alembic" => {
                p.extension().is_some_and(|e| e == "py") && !p.ends_with("__init__.py")
            }
            _ => p.extension().is_some_and(|e| e == "sql"),
        })
        .count()
}

#[tokio::test]
async fn dbmate_runs_generated_migrations_up_and_down() {
    if let Some(bin) = require(ci_bin("dbmate"), "dbmate (npm install dbmate)") {
        check(&Dbmate(bin)).await;
    }
}

#[tokio::test]
async fn sqitch_deploys_verifies_and_reverts_generated_changes() {
    if let Some(bin) = require(
        on_path("sqitch"),
        "sqitch (apt-get install sqitch libdbd-pg-perl)",
    ) {
        check(&Sqitch(bin)).await;
    }
}

#[tokio::test]
async fn alembic_upgrades_and_downgrades_generated_revisions() {
    if let Some(python) = require(
        python_with("alembic"),
        "alembic (pip install alembic psycopg2-binary)",
    ) {
        check(&Alembic(python)).await;
    }
}

#[tokio::test]
async fn django_migrates_generated_migrations_both_ways() {
    if let Some(python) = require(
        python_with("django"),
        "django (pip install django psycopg2-binary)",
    ) {
        check(&Django(python)).await;
    }
}
#[tokio::test]
async fn liquibase_updates_and_rolls_back_generated_changelogs() {
    if let Some(bin) = require(liquibase(), "liquibase (npm install liquibase, and Java)") {
        check(&Liquibase(bin)).await;
    }
}
