//! `schemadiff generate` checked by the real runners: for each runner that installs here
//! (dbmate, sqitch, Liquibase, Alembic, Django; `.ci/run` installs them), migrations are generated for
//! corpus cases with several phases (a concurrent index, a backfill with `using=`, NOT NULL
//! through a check, a dropped column), the runner runs them up and the schema must equal the
//! desired one (our catalog comparison and the pg_dump oracle, as in the convergence loop),
//! then down, and it must equal the original. Generating again writes nothing; the directory
//! resumes. A runner that is not installed fails the test under `CI=true` and skips it (with
//! the reason printed) elsewhere.

mod common;

use common::{TestDb, pgdump, test_db};
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

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

fn ci_bin(program: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".ci/node_modules/.bin")
        .join(program);
    p.is_file().then_some(p).or_else(|| on_path(program))
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

struct Dbmate(PathBuf);

impl Dbmate {
    fn cmd(&self, root: &Path, db: &TestDb) -> Command {
        let (host, port, user) = parts(db);
        let mut cmd = Command::new(&self.0);
        cmd.env(
            "DATABASE_URL",
            format!(
                "postgres://{user}@localhost/{}?socket={host}&port={port}&sslmode=disable",
                db.name()
            ),
        )
        .arg("--migrations-dir")
        .arg(self.dir(root))
        .arg("--no-dump-schema");
        cmd
    }
}

impl Runner for Dbmate {
    fn format(&self) -> &'static str {
        "dbmate"
    }
    fn up(&self, root: &Path, db: &TestDb) {
        run(self.cmd(root, db).arg("up"), "dbmate up");
    }
    fn down(&self, root: &Path, db: &TestDb, count: usize) {
        for _ in 0..count {
            run(self.cmd(root, db).arg("rollback"), "dbmate rollback");
        }
    }
}

struct Sqitch(PathBuf);

impl Sqitch {
    fn cmd(&self, root: &Path, db: &TestDb) -> Command {
        let (host, port, user) = parts(db);
        let mut cmd = Command::new(&self.0);
        cmd.current_dir(root)
            .env("PGHOST", host)
            .env("PGPORT", port.to_string())
            .env("PGUSER", user)
            .env("SQITCH_FULLNAME", "schemadiff test")
            .env("SQITCH_EMAIL", "test@localhost");
        cmd
    }
}

impl Runner for Sqitch {
    fn format(&self) -> &'static str {
        "sqitch"
    }
    fn dir(&self, root: &Path) -> PathBuf {
        root.to_path_buf()
    }
    fn up(&self, root: &Path, db: &TestDb) {
        let target = format!("db:pg:{}", db.name());
        run(
            self.cmd(root, db).args(["deploy", "--verify", &target]),
            "sqitch deploy",
        );
    }
    fn down(&self, root: &Path, db: &TestDb, count: usize) {
        let target = format!("db:pg:{}", db.name());
        run(
            self.cmd(root, db)
                .args(["revert", "-y", "--to", &format!("@HEAD^{count}"), &target]),
            "sqitch revert",
        );
    }
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

fn python_with(module: &str) -> Option<PathBuf> {
    let python = on_path("python3")?;
    let ok = Command::new(&python)
        .args(["-c", &format!("import {module}, psycopg2")])
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(python)
}

/// Alembic with a minimal env.py that reads the database URL from the environment. Without
/// `--from`: generate has Alembic itself replay the revisions into a shadow database (its
/// engine forced onto the shadow, whatever env.py reads).
struct Alembic(PathBuf);

impl Alembic {
    fn cmd(&self, root: &Path, db: &TestDb) -> Command {
        let (host, port, user) = parts(db);
        let mut cmd = Command::new(&self.0);
        cmd.current_dir(root).args(["-m", "alembic"]).env(
            "DB_URL",
            format!(
                "postgresql+psycopg2://{user}@/{}?host={host}&port={port}",
                db.name()
            ),
        );
        cmd
    }
}

impl Runner for Alembic {
    fn format(&self) -> &'static str {
        "alembic"
    }
    fn dir(&self, root: &Path) -> PathBuf {
        root.join("alembic/versions")
    }
    fn setup(&self, root: &Path) {
        std::fs::create_dir_all(root.join("alembic/versions")).unwrap();
        std::fs::write(
            root.join("alembic.ini"),
            "[alembic]\nscript_location = alembic\n",
        )
        .unwrap();
        std::fs::write(
            root.join("alembic/env.py"),
            "import os\nfrom alembic import context\nfrom sqlalchemy import create_engine\n\nurl = os.environ.get(\"DB_URL\", context.config.get_main_option(\"sqlalchemy.url\"))\nwith create_engine(url).connect() as connection:\n    context.configure(connection=connection, target_metadata=None)\n    with context.begin_transaction():\n        context.run_migrations()\n",
        )
        .unwrap();
    }
    fn up(&self, root: &Path, db: &TestDb) {
        run(
            self.cmd(root, db).args(["upgrade", "head"]),
            "alembic upgrade",
        );
    }
    fn down(&self, root: &Path, db: &TestDb, count: usize) {
        run(
            self.cmd(root, db).args(["downgrade", &format!("-{count}")]),
            "alembic downgrade",
        );
    }
}

/// A bare Django project (no apps but `shop`), so only `django_migrations` appears. With
/// `--from` the database Django migrated, whose `django_migrations` is bookkeeping.
struct Django(PathBuf);

impl Django {
    fn cmd(&self, root: &Path, db: &TestDb) -> Command {
        let (host, port, user) = parts(db);
        let mut cmd = Command::new(&self.0);
        cmd.current_dir(root)
            .args(["-m", "django"])
            .env("DJANGO_SETTINGS_MODULE", "settings")
            .env("PYTHONPATH", root)
            .env("PGHOST", host)
            .env("PGPORT", port.to_string())
            .env("PGUSER", user)
            .env("PGDATABASE", db.name());
        cmd
    }

    /// Django's name of the `n`th migration before the last one, or `zero`.
    fn target(&self, root: &Path, count: usize) -> String {
        let mut names: Vec<String> = std::fs::read_dir(self.dir(root))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".py") && n != "__init__.py")
            .map(|n| n.trim_end_matches(".py").to_string())
            .collect();
        names.sort();
        match names.len().checked_sub(count + 1) {
            Some(i) => names[i].clone(),
            None => "zero".into(),
        }
    }
}

impl Runner for Django {
    fn format(&self) -> &'static str {
        "django"
    }
    fn dir(&self, root: &Path) -> PathBuf {
        root.join("shop/migrations")
    }
    fn needs_from(&self) -> bool {
        true
    }
    fn setup(&self, root: &Path) {
        std::fs::create_dir_all(root.join("shop/migrations")).unwrap();
        std::fs::write(root.join("shop/__init__.py"), "").unwrap();
        std::fs::write(
            root.join("settings.py"),
            "import os\nSECRET_KEY = \"test\"\nUSE_TZ = True\nINSTALLED_APPS = [\"shop\"]\nDATABASES = {\"default\": {\"ENGINE\": \"django.db.backends.postgresql\", \"NAME\": os.environ[\"PGDATABASE\"], \"HOST\": os.environ[\"PGHOST\"], \"PORT\": os.environ[\"PGPORT\"], \"USER\": os.environ[\"PGUSER\"]}}\n",
        )
        .unwrap();
    }
    fn up(&self, root: &Path, db: &TestDb) {
        run(
            self.cmd(root, db).args(["migrate", "shop"]),
            "django migrate",
        );
    }
    fn down(&self, root: &Path, db: &TestDb, count: usize) {
        let target = self.target(root, count);
        run(
            self.cmd(root, db).args(["migrate", "shop", &target]),
            "django migrate back",
        );
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

/// Liquibase speaks JDBC over TCP, and the test cluster listens on a Unix socket only: a
/// forwarder from a local TCP port to the socket, for as long as the test runs.
fn tcp_forwarder(db: &TestDb) -> u16 {
    use std::os::unix::net::UnixStream;
    let (host, port, _) = parts(db);
    let socket = Path::new(&host).join(format!(".s.PGSQL.{port}"));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let local = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = UnixStream::connect(&socket) else {
                continue;
            };
            let (mut c2, mut s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (mut c1, mut s1) = (client, server);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c1, &mut s1);
                let _ = s1.shutdown(std::net::Shutdown::Both);
            });
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s2, &mut c2);
                let _ = c2.shutdown(std::net::Shutdown::Both);
            });
        }
    });
    local
}

struct Liquibase(PathBuf);

impl Liquibase {
    fn cmd(&self, root: &Path, db: &TestDb) -> Command {
        let (_, _, user) = parts(db);
        let port = tcp_forwarder(db);
        let mut cmd = Command::new(&self.0);
        cmd.current_dir(self.dir(root))
            .env("LIQUIBASE_ANALYTICS_ENABLED", "false")
            // A JVM that starts fast: the test runs Liquibase a dozen times.
            .env("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
            .arg("--show-banner=false")
            .arg("--changelog-file=changelog.yaml")
            .arg(format!(
                "--url=jdbc:postgresql://127.0.0.1:{port}/{}",
                db.name()
            ))
            .arg(format!("--username={user}"));
        cmd
    }
}

impl Runner for Liquibase {
    fn format(&self) -> &'static str {
        "liquibase"
    }
    /// A JVM per command: the concurrent index with NOT NULL through a check, and the dropped
    /// column whose way back restores in batches (a `DO` block that COMMITs, over JDBC).
    fn cases(&self) -> &'static [&'static str] {
        &CASES[2..]
    }
    fn up(&self, root: &Path, db: &TestDb) {
        run(self.cmd(root, db).arg("update"), "liquibase update");
    }
    fn down(&self, root: &Path, db: &TestDb, count: usize) {
        // A non-transactional migration is two changesets (its timeouts, then the statement).
        let changesets: usize = std::fs::read_dir(self.dir(root).join("changes"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .contains("_change_")
            })
            .map(|p| {
                std::fs::read_to_string(p)
                    .unwrap()
                    .matches("--changeset ")
                    .count()
            })
            .sum();
        assert!(changesets >= count);
        run(
            self.cmd(root, db)
                .args(["rollback-count", &format!("--count={changesets}")]),
            "liquibase rollback-count",
        );
    }
}

fn liquibase() -> Option<PathBuf> {
    on_path("java")?;
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".ci/node_modules/liquibase/dist/liquibase/liquibase");
    p.is_file().then_some(p)
}

#[tokio::test]
async fn liquibase_updates_and_rolls_back_generated_changelogs() {
    if let Some(bin) = require(liquibase(), "liquibase (npm install liquibase, and Java)") {
        check(&Liquibase(bin)).await;
    }
}
