//! The integration-test harness: every test file does `mod common;`.
//!
//! One PostgreSQL server per test binary — an [`EphemeralCluster`] started on
//! first use, or the server named by `SCHEMADIFF_TEST_URL` (a libpq keyword
//! string or a `postgresql://` URL) — and one fresh database per test through
//! [`test_db`], dropped again when its [`TestDb`] goes out of scope, panics
//! included. The cluster is never dropped (it is a `static`); its watchdog stops
//! it when the test binary exits.
//!
//! Under nextest every test is its own process and so starts its own cluster;
//! set `SCHEMADIFF_TEST_URL` to share one server instead.

// Each test binary uses a different part of the harness.
#![allow(dead_code)]

pub mod case_options;
pub mod converge;
pub mod pgdump;
pub mod pool;
pub mod squawk;
pub mod timing;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use schemadiff::cluster::{EphemeralCluster, conninfo_value, find_bin_dir, find_client_program};
use tokio_postgres::config::{Host, SslMode};

/// Environment variable pointing the suite at an existing server.
pub const TEST_URL_ENV: &str = "SCHEMADIFF_TEST_URL";

/// Roles every test server has, so that test schemas may grant to them.
pub const TEST_ROLES: [&str; 2] = ["schemadiff_reader", "schemadiff_writer"];

/// The server the tests of this binary run against.
pub struct TestServer {
    /// Keeps the ephemeral cluster alive; `None` for an external server.
    cluster: Option<EphemeralCluster>,
    /// Connection string without `dbname`, to which each database's is appended.
    base_conn: String,
    /// The database to connect to for CREATE/DROP DATABASE.
    maintenance_db: String,
    psql: PathBuf,
    /// pg_dump from the same installation as psql (and the server, when it is ours).
    pg_dump: PathBuf,
}

static SERVER: OnceLock<TestServer> = OnceLock::new();

/// The shared server, started (and given the test roles) on first use.
pub fn server() -> &'static TestServer {
    SERVER.get_or_init(|| {
        let server = match std::env::var(TEST_URL_ENV) {
            Ok(url) if !url.trim().is_empty() => TestServer::external(&url),
            _ => TestServer::ephemeral(),
        };
        for role in TEST_ROLES {
            // duplicate_object: the role exists. unique_violation: another test
            // process created it at the same moment (the catalog's unique index
            // catches that race before the existence check does).
            let sql = format!(
                "DO $$ BEGIN CREATE ROLE {role}; \
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            );
            server
                .admin(&[&sql])
                .unwrap_or_else(|e| panic!("creating role {role}: {e}"));
        }
        server
    })
}

impl TestServer {
    fn ephemeral() -> TestServer {
        let cluster = EphemeralCluster::start()
            .unwrap_or_else(|e| panic!("starting the test cluster: {e:#}"));
        let base_conn = format!(
            "host={} port={} user=postgres",
            conninfo_value(&cluster.host().to_string_lossy()),
            cluster.port()
        );
        let psql = find_client_program(Some(cluster.bin_dir()), "psql")
            .expect("psql: not beside the server binaries nor on PATH");
        let pg_dump = find_client_program(Some(cluster.bin_dir()), "pg_dump")
            .expect("pg_dump: not beside the server binaries nor on PATH");
        TestServer {
            cluster: Some(cluster),
            base_conn,
            maintenance_db: "postgres".to_owned(),
            psql,
            pg_dump,
        }
    }

    fn external(url: &str) -> TestServer {
        let config = tokio_postgres::Config::from_str(url)
            .unwrap_or_else(|e| panic!("{TEST_URL_ENV} is not a connection string: {e}"));
        let bin_dir = find_bin_dir().ok();
        let psql = find_client_program(bin_dir.as_deref(), "psql")
            .expect("psql not found on PATH (needed with SCHEMADIFF_TEST_URL)");
        let pg_dump = find_client_program(bin_dir.as_deref(), "pg_dump")
            .expect("pg_dump not found on PATH (needed with SCHEMADIFF_TEST_URL)");
        TestServer {
            cluster: None,
            base_conn: keyword_string(&config),
            maintenance_db: config.get_dbname().unwrap_or("postgres").to_owned(),
            psql,
            pg_dump,
        }
    }

    /// The connection string for `dbname` on this server.
    pub fn conn_string(&self, dbname: &str) -> String {
        format!("{} dbname={}", self.base_conn, conninfo_value(dbname))
    }

    /// The ephemeral cluster, when the suite runs on one.
    pub fn cluster(&self) -> Option<&EphemeralCluster> {
        self.cluster.as_ref()
    }

    /// Run each statement separately (CREATE/DROP DATABASE refuse to share a
    /// transaction) on the maintenance database.
    pub fn admin(&self, statements: &[&str]) -> Result<String, String> {
        let conn = self.conn_string(&self.maintenance_db);
        let mut cmd = self.psql_command(&conn);
        for s in statements {
            cmd.arg("-c").arg(s);
        }
        run(cmd, None)
    }

    /// Whether a database of this name exists.
    pub fn database_exists(&self, name: &str) -> bool {
        let sql = format!(
            "SELECT count(*) FROM pg_database WHERE datname = '{}'",
            name.replace('\'', "''")
        );
        match self.admin(&[&sql]) {
            Ok(out) => out.trim() == "1",
            Err(e) => panic!("checking for database {name}: {e}"),
        }
    }

    /// psql without a startup file, quiet, stopping at the first error, and with
    /// unaligned tuples-only output (`-A -t`) so results compare as plain text.
    /// The psql program the tests run.
    pub fn psql_program(&self) -> &Path {
        self.psql.as_ref()
    }

    fn psql_command(&self, conn: &str) -> Command {
        let mut cmd = Command::new(&self.psql);
        cmd.args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d"])
            .arg(conn)
            .env("PGCONNECT_TIMEOUT", "10");
        cmd
    }
}

/// Rebuild a libpq keyword string (without dbname) from a parsed config, so that
/// URLs and keyword strings both work and the database can be swapped.
fn keyword_string(config: &tokio_postgres::Config) -> String {
    let mut parts = Vec::new();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            Host::Tcp(name) => name.clone(),
            Host::Unix(path) => path.to_string_lossy().into_owned(),
        })
        .collect();
    if !hosts.is_empty() {
        parts.push(format!("host={}", conninfo_value(&hosts.join(","))));
    }
    let ports: Vec<String> = config.get_ports().iter().map(u16::to_string).collect();
    if !ports.is_empty() {
        parts.push(format!("port={}", ports.join(",")));
    }
    // tokio-postgres needs a user where libpq would default to the OS user.
    parts.push(format!(
        "user={}",
        conninfo_value(config.get_user().unwrap_or("postgres"))
    ));
    if let Some(pw) = config.get_password() {
        parts.push(format!(
            "password={}",
            conninfo_value(&String::from_utf8_lossy(pw))
        ));
    }
    let sslmode = match config.get_ssl_mode() {
        SslMode::Disable => "disable",
        SslMode::Require => "require",
        _ => "prefer",
    };
    parts.push(format!("sslmode={sslmode}"));
    parts.join(" ")
}

/// A database of its own for one test; dropped (forcibly) on drop.
pub struct TestDb {
    name: String,
    conn: String,
}

/// Create a fresh database named `sdt_<prefix>_<pid>_<n>`: the pid keeps test
/// processes apart (nextest, several binaries on one server), the counter the
/// threads of one process.
pub fn test_db(prefix: &str) -> TestDb {
    test_db_from(prefix, "template0")
}

/// [`test_db`], copied from `template` (a test database nobody is connected to).
pub fn test_db_from(prefix: &str, template: &str) -> TestDb {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let server = server();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = format!("sdt_{}_{}_{n}", clean_prefix(prefix), std::process::id());
    let _t = timing::span("create_db");
    // A database of this name can only be left over from a dead process that had
    // our pid (a killed run against SCHEMADIFF_TEST_URL): replacing it is safe.
    server
        .admin(&[
            &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
            &format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""),
        ])
        .unwrap_or_else(|e| panic!("creating test database {name}: {e}"));
    TestDb {
        conn: server.conn_string(&name),
        name,
    }
}

/// Lower-case letters, digits and underscores, short enough that the whole name
/// fits PostgreSQL's 63-byte identifiers.
fn clean_prefix(prefix: &str) -> String {
    let cleaned: String = prefix
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(30)
        .collect();
    if cleaned.is_empty() {
        "t".to_owned()
    } else {
        cleaned
    }
}

impl TestDb {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// libpq keyword/value connection string for this database.
    pub fn conn_string(&self) -> &str {
        &self.conn
    }

    /// A connected client; its connection task runs on the current tokio runtime.
    pub async fn client(&self) -> tokio_postgres::Client {
        let (client, conn) = tokio_postgres::connect(&self.conn, tokio_postgres::NoTls)
            .await
            .unwrap_or_else(|e| panic!("connecting to {}: {e}", self.name));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                eprintln!("connection error: {e}");
            }
        });
        client
    }

    /// Run `sql` (any number of statements, each in its own transaction, as in a
    /// file) through psql. Ok: the output (`-A -t`); Err: psql's error output.
    pub fn psql(&self, sql: &str) -> Result<String, String> {
        let _t = timing::span("psql");
        let mut cmd = server().psql_command(&self.conn);
        cmd.args(["-f", "-"]);
        run(cmd, Some(sql))
    }

    /// Run a SQL file through psql, as [`TestDb::psql`].
    pub fn psql_file(&self, path: impl AsRef<Path>) -> Result<String, String> {
        let _t = timing::span("psql_file");
        let mut cmd = server().psql_command(&self.conn);
        cmd.arg("-f").arg(path.as_ref());
        run(cmd, None)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // FORCE: a client the test forgot to close must not keep the database.
        // No panic here: this also runs while a failed test unwinds.
        let _t = timing::span("drop_db");
        let sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        if let Err(e) = server().admin(&[&sql]) {
            eprintln!("warning: could not drop test database {}: {e}", self.name);
        }
    }
}

/// Run psql, feeding `stdin` from a thread so that large input and large output
/// cannot block each other on full pipes.
fn run(mut cmd: Command, stdin: Option<&str>) -> Result<String, String> {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("running psql: {e}"))?;
    let feeder = match (stdin, child.stdin.take()) {
        (Some(text), Some(mut pipe)) => {
            let text = text.to_owned();
            Some(std::thread::spawn(move || pipe.write_all(text.as_bytes())))
        }
        _ => None,
    };
    let out = child
        .wait_with_output()
        .map_err(|e| format!("waiting for psql: {e}"))?;
    if let Some(f) = feeder {
        // A write error means psql stopped reading, i.e. failed: its exit status
        // and stderr below say why.
        let _ = f.join();
    }
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "psql {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}
