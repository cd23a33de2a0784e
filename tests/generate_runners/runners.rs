//! The runners `generate_runners.rs` drives: how each is installed, pointed at a test
//! database, and run up and down.

use super::common::TestDb;
use super::{CASES, Runner, parts, run};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

pub fn ci_bin(program: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".ci/node_modules/.bin")
        .join(program);
    p.is_file().then_some(p).or_else(|| on_path(program))
}

pub struct Dbmate(pub PathBuf);

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

pub struct Sqitch(pub PathBuf);

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

pub fn python_with(module: &str) -> Option<PathBuf> {
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
pub struct Alembic(pub PathBuf);

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
pub struct Django(pub PathBuf);

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

pub struct Liquibase(pub PathBuf);

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

pub fn liquibase() -> Option<PathBuf> {
    on_path("java")?;
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".ci/node_modules/liquibase/dist/liquibase/liquibase");
    p.is_file().then_some(p)
}
