//! A tiny private cluster per test (the shared harness will replace it): initdb into a
//! temporary directory, Unix socket only, as the `postgres` user because PostgreSQL
//! refuses to run as root.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio_postgres::{Client, NoTls};

const BIN: &str = "/usr/lib/postgresql/15/bin";

pub struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
}

fn run_as_postgres(args: &[&str]) {
    let output = if is_root() {
        Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .args(args)
            .output()
    } else {
        Command::new(args[0]).args(&args[1..]).output()
    }
    .expect("run a PostgreSQL binary");
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false)
}

impl Cluster {
    pub fn start() -> Cluster {
        let dir = tempfile::Builder::new()
            .prefix("schemadiff-introspect-")
            .tempdir()
            .expect("temp dir");
        if is_root() {
            let status = Command::new("chown")
                .args(["postgres"])
                .arg(dir.path())
                .status()
                .expect("chown");
            assert!(status.success());
        }
        let data = dir.path().join("data");
        let data = data.to_str().expect("utf-8 path");
        run_as_postgres(&[
            &format!("{BIN}/initdb"),
            "-D",
            data,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]);
        // The socket lives in our own directory, so the port only names the socket file.
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let port = 20000 + ((std::process::id() * 7 + n) % 40000) as u16;
        let options = format!(
            "-c listen_addresses='' -k {} -p {port} -c fsync=off",
            dir.path().display()
        );
        let log = dir.path().join("log");
        run_as_postgres(&[
            &format!("{BIN}/pg_ctl"),
            "-D",
            data,
            "-l",
            log.to_str().expect("utf-8 path"),
            "-o",
            &options,
            "-w",
            "start",
        ]);
        Cluster { dir, port }
    }

    fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    pub async fn connect(&self, dbname: &str) -> Client {
        let config = format!(
            "host={} port={} user=postgres dbname={dbname}",
            self.socket_dir().display(),
            self.port
        );
        let (client, connection) = tokio_postgres::connect(&config, NoTls)
            .await
            .expect("connect");
        tokio::spawn(connection);
        client
    }

    /// A fresh database with the fixture `name` loaded. A fixture section after a
    /// `-- expect error` line runs on its own and must fail (e.g. a CONCURRENTLY build).
    pub async fn database_from(&self, dbname: &str, fixture: &str) -> Client {
        let admin = self.connect("postgres").await;
        admin
            .batch_execute(&format!("CREATE DATABASE {dbname}"))
            .await
            .expect("create database");
        // Roles are per cluster: create them once, tolerate the second database.
        for role in ["schemadiff_reader", "schemadiff_writer"] {
            let _ = admin.batch_execute(&format!("CREATE ROLE {role}")).await;
        }
        let text = std::fs::read_to_string(fixture_path(fixture)).expect("read fixture");
        let client = self.connect(dbname).await;
        let mut sections = text.split("\n-- expect error\n");
        let setup = sections.next().unwrap_or_default();
        client.batch_execute(setup).await.expect("load fixture");
        for failing in sections {
            assert!(
                client.batch_execute(failing).await.is_err(),
                "expected to fail: {failing}"
            );
        }
        client
    }
}

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(format!("{BIN}/pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-m", "immediate", "stop"])
            .output();
    }
}
