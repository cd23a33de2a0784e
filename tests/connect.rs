//! `connect` against a real PostgreSQL with password authentication and TLS.
//!
//! One private cluster for the whole file (initdb is the slow part on a shared machine),
//! held by a Drop guard inside the single test so it is stopped even when a check panics.
//! Each check is its own function, run in order; a failure names the check.

use schemadiff::connect::{ConnectError, ConnectOptions, connect};
use std::collections::HashMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

const PG_BIN: &str = "/usr/lib/postgresql/15/bin";
const PASSWORD: &str = "Tr0ub4dor-&-3";

/// A throwaway cluster: scram-sha-256 everywhere (plus one trust line for the missing-role
/// check), TLS with a test CA whose server certificate names only `localhost`.
struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
}

impl Cluster {
    fn start() -> Cluster {
        let dir = tempfile::Builder::new()
            .prefix("schemadiff-connect-")
            .tempdir()
            .unwrap();
        let root = dir.path();
        std::fs::write(root.join("pwfile"), format!("{PASSWORD}\n")).unwrap();
        make_certificates(root);
        chown_to_postgres(root);
        run(pg_cmd("initdb")
            .args([
                "-D",
                "data",
                "-U",
                "postgres",
                "-A",
                "scram-sha-256",
                "--pwfile",
                "pwfile",
            ])
            .args(["--no-sync", "--no-instructions"])
            .current_dir(root));
        let data = root.join("data");
        for file in ["server.crt", "server.key"] {
            std::fs::copy(root.join(file), data.join(file)).unwrap();
        }
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all scram-sha-256\n\
             host all ghost 127.0.0.1/32 trust\n\
             host all all 127.0.0.1/32 scram-sha-256\n",
        )
        .unwrap();
        let port = free_port();
        let conf = format!(
            "listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\n\
             fsync = off\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n",
            root.display()
        );
        let mut existing = std::fs::read_to_string(data.join("postgresql.conf")).unwrap();
        existing.push_str(&conf);
        std::fs::write(data.join("postgresql.conf"), existing).unwrap();
        chown_to_postgres(root);
        set_mode(&data.join("server.key"), 0o600);
        // The guard exists before the server starts, so a failed start is cleaned up too.
        let cluster = Cluster { dir, port };
        run(pg_cmd("pg_ctl")
            .args(["-D", "data", "-l", "log", "-w", "start"])
            .current_dir(cluster.dir.path()));
        cluster
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn socket_dir(&self) -> String {
        self.dir.path().display().to_string()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = pg_cmd("pg_ctl")
            .args(["-D", "data", "-m", "immediate", "-w", "stop"])
            .current_dir(self.dir.path())
            .output();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// PostgreSQL refuses to run as root, so as root we become `postgres`.
fn pg_cmd(program: &str) -> Command {
    let bin = format!("{PG_BIN}/{program}");
    if is_root() {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--", &bin]);
        cmd
    } else {
        Command::new(bin)
    }
}

fn chown_to_postgres(path: &Path) {
    if is_root() {
        run(Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(path));
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A CA, a server certificate for `localhost` only (no IP SAN), and an unrelated CA.
fn make_certificates(dir: &Path) {
    let openssl = |args: &[&str]| run(Command::new("openssl").args(args).current_dir(dir));
    for (name, cn) in [("ca", "schemadiff test CA"), ("other-ca", "unrelated CA")] {
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            &format!("/CN={cn}"),
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.crt"),
        ]);
    }
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n\
         keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.crt",
    ]);
}

/// Options with an injected environment: no HOME, so neither the real `~/.pgpass` nor
/// `~/.postgresql/root.crt` of whoever runs the tests can change the outcome.
fn opts(s: &str, env: &[(&str, &str)]) -> ConnectOptions {
    let env: HashMap<String, String> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    ConnectOptions::parse_with_env(s, &move |k| env.get(k).cloned()).unwrap()
}

fn tcp(c: &Cluster, host: &str, extra: &str) -> ConnectOptions {
    opts(
        &format!(
            "host={host} port={} user=postgres password='{PASSWORD}' dbname=postgres connect_timeout=20 {extra}",
            c.port
        ),
        &[],
    )
}

async fn uses_tls(client: &tokio_postgres::Client) -> bool {
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .await
        .unwrap()
        .get(0)
}

async fn expect_err(o: &ConnectOptions) -> ConnectError {
    match connect(o).await {
        Ok(_) => panic!("expected {o} to fail"),
        Err(e) => {
            let text = e.to_string();
            assert!(!text.contains(PASSWORD), "password leaked: {text}");
            assert!(
                !format!("{e:?}").contains(PASSWORD),
                "password leaked: {e:?}"
            );
            assert!(!text.contains('\n'), "one line: {text}");
            e
        }
    }
}

async fn each_sslmode_succeeds(c: &Cluster) {
    let ca = c.path("ca.crt");
    let ca = ca.display();
    for (host, extra, tls) in [
        ("127.0.0.1", "sslmode=disable".to_string(), false),
        ("127.0.0.1", "sslmode=prefer".to_string(), true),
        ("127.0.0.1", "sslmode=require".to_string(), true),
        (
            "127.0.0.1",
            format!("sslmode=require sslrootcert={ca}"),
            true,
        ),
        // verify-ca does not check the name: the certificate names only localhost.
        (
            "127.0.0.1",
            format!("sslmode=verify-ca sslrootcert={ca}"),
            true,
        ),
        (
            "localhost",
            format!("sslmode=verify-full sslrootcert={ca}"),
            true,
        ),
    ] {
        let o = tcp(c, host, &extra);
        let client = connect(&o)
            .await
            .unwrap_or_else(|e| panic!("{host} {extra}: {e}"));
        assert_eq!(uses_tls(&client).await, tls, "{host} {extra}");
    }
}

async fn application_name_and_other_database(c: &Cluster) {
    let o = tcp(c, "127.0.0.1", "");
    let client = connect(&o).await.unwrap();
    client.batch_execute("CREATE DATABASE other").await.unwrap();
    let name: String = client
        .query_one("SELECT current_setting('application_name')", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(name, "schemadiff");

    let other = connect(&o.with_dbname("other")).await.unwrap();
    let db: String = other
        .query_one("SELECT current_database()", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(db, "other");
    let mine = connect(&tcp(c, "127.0.0.1", "application_name=mine"))
        .await
        .unwrap();
    let name: String = mine
        .query_one("SELECT current_setting('application_name')", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(name, "mine");
}

async fn unix_socket_never_uses_tls(c: &Cluster) {
    let url = format!(
        "postgresql://postgres@{}:{}/postgres?sslmode=require",
        c.socket_dir().replace('/', "%2F"),
        c.port
    );
    let o = opts(&url, &[("PGPASSWORD", PASSWORD)]);
    let client = connect(&o).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(!uses_tls(&client).await);
}

async fn password_file_is_used(c: &Cluster) {
    let passfile = c.path("pgpass");
    std::fs::write(
        &passfile,
        format!("127.0.0.1:{}:*:postgres:{PASSWORD}\n", c.port),
    )
    .unwrap();
    set_mode(&passfile, 0o600);
    let file = passfile.to_str().unwrap();
    let url = format!("postgres://postgres@127.0.0.1:{}/postgres", c.port);
    connect(&opts(&url, &[("PGPASSFILE", file)]))
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // Readable by others: ignored like libpq does, and the error says why.
    set_mode(&passfile, 0o644);
    let err = expect_err(&opts(&url, &[("PGPASSFILE", file)])).await;
    assert!(matches!(err, ConnectError::PasswordMissing { .. }), "{err}");
    assert!(err.to_string().contains("group or world access"), "{err}");
}

async fn wrong_password(c: &Cluster) {
    let o = opts(
        &format!(
            "postgres://postgres:not-{PASSWORD}@127.0.0.1:{}/postgres",
            c.port
        ),
        &[],
    );
    let err = expect_err(&o).await;
    assert!(
        matches!(err, ConnectError::PasswordFailed { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "cannot connect to postgresql://postgres:***@127.0.0.1:{}/postgres: password authentication failed for user \"postgres\"",
            c.port
        )
    );
}

async fn missing_database_and_role(c: &Cluster) {
    let err = expect_err(&tcp(c, "127.0.0.1", "").with_dbname("nope")).await;
    assert!(
        matches!(err, ConnectError::DatabaseMissing { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .ends_with("database \"nope\" does not exist"),
        "{err}"
    );

    // pg_hba trusts "ghost", so the server gets as far as looking the role up.
    let o = opts(
        &format!("host=127.0.0.1 port={} user=ghost dbname=postgres", c.port),
        &[],
    );
    let err = expect_err(&o).await;
    assert!(matches!(err, ConnectError::RoleMissing { .. }), "{err:?}");
    assert!(
        err.to_string().ends_with("role \"ghost\" does not exist"),
        "{err}"
    );
}

async fn refused_port() {
    let port = free_port();
    let o = opts(
        &format!("postgres://postgres:{PASSWORD}@127.0.0.1:{port}/postgres"),
        &[],
    );
    let err = expect_err(&o).await;
    assert!(matches!(err, ConnectError::Refused { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
}

async fn silent_server_times_out() {
    // Accepts TCP and never answers: the startup packet waits forever without a timeout.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let o = opts(
        &format!("host=127.0.0.1 port={port} user=u connect_timeout=2"),
        &[],
    );
    let started = std::time::Instant::now();
    let err = expect_err(&o).await;
    assert!(matches!(err, ConnectError::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    drop(listener);
}

async fn certificate_failures(c: &Cluster) {
    let ca = c.path("ca.crt");
    let other = c.path("other-ca.crt");
    let cases = [
        (
            "127.0.0.1",
            format!("sslmode=verify-ca sslrootcert={}", other.display()),
            "trusted root",
        ),
        (
            "127.0.0.1",
            format!("sslmode=require sslrootcert={}", other.display()),
            "trusted root",
        ),
        (
            "127.0.0.1",
            format!("sslmode=verify-full sslrootcert={}", ca.display()),
            "host name",
        ),
    ];
    for (host, extra, why) in cases {
        let err = expect_err(&tcp(c, host, &extra)).await;
        assert!(
            matches!(err, ConnectError::CertificateVerifyFailed { .. }),
            "{extra}: {err:?}"
        );
        assert!(err.to_string().contains(why), "{extra}: {err}");
    }
    // verify-ca with no root certificate anywhere: refused before connecting.
    let err = expect_err(&tcp(c, "127.0.0.1", "sslmode=verify-ca")).await;
    assert!(
        matches!(err, ConnectError::RootCertificate { .. }),
        "{err:?}"
    );
}

async fn server_without_tls(c: &Cluster) {
    let admin = connect(&tcp(c, "127.0.0.1", "sslmode=disable"))
        .await
        .unwrap();
    // Separate statements: a multi-statement batch is one transaction, and ALTER SYSTEM
    // refuses to run inside one.
    for sql in ["ALTER SYSTEM SET ssl = off", "SELECT pg_reload_conf()"] {
        admin.batch_execute(sql).await.unwrap();
    }
    // The reload is asynchronous; new connections see it within moments.
    let mut last = None;
    for _ in 0..50 {
        match connect(&tcp(c, "127.0.0.1", "sslmode=require")).await {
            Err(e @ ConnectError::TlsUnsupported { .. }) => {
                last = Some(e);
                break;
            }
            _ => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
        }
    }
    let err = last.expect("require must fail once the server has ssl=off");
    assert!(
        err.to_string()
            .ends_with("the server does not support TLS (sslmode=require)"),
        "{err}"
    );
    let client = connect(&tcp(c, "127.0.0.1", "sslmode=prefer"))
        .await
        .unwrap();
    assert!(!uses_tls(&client).await, "prefer falls back to plain text");
}

#[tokio::test]
async fn connect_against_a_real_server() {
    let cluster = Cluster::start();
    each_sslmode_succeeds(&cluster).await;
    application_name_and_other_database(&cluster).await;
    unix_socket_never_uses_tls(&cluster).await;
    password_file_is_used(&cluster).await;
    wrong_password(&cluster).await;
    missing_database_and_role(&cluster).await;
    refused_port().await;
    silent_server_times_out().await;
    certificate_failures(&cluster).await;
    // Last: it turns TLS off for the rest of the cluster's life.
    server_without_tls(&cluster).await;
}

/// No server needed: a name that cannot resolve (RFC 6761 reserves `.invalid`) and a
/// socket directory without a server are both "unreachable", with the target named.
#[tokio::test]
async fn unreachable_targets_are_named() {
    for (s, reason) in [
        (
            "host=nonexistent.invalid user=u dbname=d connect_timeout=5",
            "lookup",
        ),
        (
            "host=/nonexistent-socket-dir user=u dbname=d",
            "no server socket",
        ),
    ] {
        let o = opts(&format!("{s} password='{PASSWORD}'"), &[]);
        let err = expect_err(&o).await;
        assert!(matches!(err, ConnectError::Unreachable { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("cannot connect to {o}: ")),
            "{text}"
        );
        assert!(text.contains(reason), "{text}");
    }
}
