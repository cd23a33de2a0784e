//! Proves the test harness: isolated databases, cleanup after panics, and a
//! cluster that does not outlive a process killed with SIGKILL.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TEST_ROLES, server, test_db};
use schemadiff::cluster::{EphemeralCluster, pid_alive};

/// Two ordinary tests that cargo runs on parallel threads: each sees only its
/// own database, and the same table name in both never collides.
fn own_database_roundtrip(tag: &str) {
    let db = test_db(tag);
    let out = db
        .psql(&format!(
            "CREATE TABLE shared_name (v text); INSERT INTO shared_name VALUES ('{tag}');\n\
             SELECT current_database(), string_agg(v, ',') FROM shared_name;"
        ))
        .unwrap();
    assert_eq!(out.trim(), format!("{}|{tag}", db.name()));
}

#[test]
fn parallel_test_a_gets_its_own_database() {
    own_database_roundtrip("par_a");
}

#[test]
fn parallel_test_b_gets_its_own_database() {
    own_database_roundtrip("par_b");
}

/// Many threads asking at once get distinct databases that do not share tables.
#[test]
fn concurrent_test_dbs_are_distinct_and_isolated() {
    let names: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                s.spawn(move || {
                    let db = test_db("conc");
                    // Fails with "relation already exists" if two threads shared one.
                    db.psql(&format!("CREATE TABLE t AS SELECT {i} AS v"))
                        .unwrap();
                    let v = db.psql("SELECT v FROM t").unwrap();
                    assert_eq!(v.trim(), i.to_string());
                    db.name().to_owned()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let distinct: HashSet<&String> = names.iter().collect();
    assert_eq!(distinct.len(), names.len(), "{names:?}");
    for n in &names {
        assert!(
            n.starts_with(&format!("sdt_conc_{}_", std::process::id())),
            "{n}"
        );
        assert!(!server().database_exists(n), "{n} not dropped");
    }
}

/// Dropping a TestDb drops its database, even with a client still connected.
#[tokio::test]
async fn database_is_dropped_with_its_test_db() {
    let db = test_db("drop");
    let name = db.name().to_owned();
    let client = db.client().await;
    let row = client
        .query_one("SELECT current_database()", &[])
        .await
        .unwrap();
    assert_eq!(row.get::<_, String>(0), name);
    assert!(server().database_exists(&name));

    drop(db);
    assert!(!server().database_exists(&name));
    // The forced drop terminated the session the test forgot to close.
    assert!(client.query_one("SELECT 1", &[]).await.is_err());
}

/// A test that panics still drops its database during unwinding.
#[test]
fn database_is_dropped_after_a_panic() {
    let mut name = String::new();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let db = test_db("panic");
        name = db.name().to_owned();
        db.psql("CREATE TABLE doomed (id int)").unwrap();
        assert!(server().database_exists(db.name()));
        panic!("deliberate panic inside the test body");
    }));
    assert!(result.is_err());
    assert!(name.starts_with("sdt_panic_"), "{name}");
    assert!(
        !server().database_exists(&name),
        "{name} survived the panic"
    );
}

/// psql reports errors as Err (ON_ERROR_STOP) and stops at the first one.
#[test]
fn psql_errors_are_err_and_stop_the_script() {
    let db = test_db("psqlerr");
    let err = db
        .psql("CREATE TABLE a (id int);\nSELECT * FROM missing_table;\nCREATE TABLE b (id int);")
        .unwrap_err();
    assert!(err.contains("missing_table"), "{err}");
    let tables = db
        .psql("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname IN ('a', 'b')")
        .unwrap();
    assert_eq!(tables.trim(), "a");

    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        "CREATE TABLE from_file (id int);\nSELECT 'ok';\n",
    )
    .unwrap();
    assert_eq!(db.psql_file(file.path()).unwrap().trim(), "ok");
}

/// Test schemas may grant to the harness roles.
#[test]
fn test_roles_exist() {
    let db = test_db("roles");
    for role in TEST_ROLES {
        db.psql(&format!(
            "CREATE TABLE t_{role} (id int); GRANT SELECT ON t_{role} TO {role}"
        ))
        .unwrap();
    }
}

const ORPHAN_ENV: &str = "SCHEMADIFF_HARNESS_ORPHAN_CHILD";

/// Helper run in a child process by `killed_owner_leaves_no_cluster_behind`, not
/// a test of its own: starts a cluster, reports where it lives, and waits to be
/// killed.
#[test]
#[ignore = "helper process for killed_owner_leaves_no_cluster_behind"]
fn orphan_child() {
    if std::env::var_os(ORPHAN_ENV).is_none() {
        return;
    }
    let cluster = EphemeralCluster::start().unwrap();
    println!(
        "ORPHAN pid={} data={} sock={}",
        cluster.postmaster_pid(),
        cluster.data_dir().display(),
        cluster.host().display()
    );
    // Bounded, so that a parent that died before killing us leaves nothing either.
    std::thread::sleep(Duration::from_secs(120));
}

/// Kills the child on drop, so that a failing assertion does not leave it running.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// SIGKILL runs no Drop: the watchdog must stop the postmaster and remove the
/// directories by itself.
#[test]
fn killed_owner_leaves_no_cluster_behind() {
    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "orphan_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ORPHAN_ENV, "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = KillOnDrop(child);
    let stdout = child.0.stdout.take().unwrap();

    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            // libtest may have printed "test orphan_child ... " on the same line.
            if let Some(at) = line.find("ORPHAN ") {
                let _ = tx.send(line[at + "ORPHAN ".len()..].to_owned());
                return;
            }
        }
    });
    let report = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("child did not report its cluster");
    let field = |key: &str| {
        report
            .split(' ')
            .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("no {key} in {report:?}"))
            .to_owned()
    };
    let pid: u32 = field("pid").parse().unwrap();
    let data = PathBuf::from(field("data"));
    let base = data.parent().unwrap().to_path_buf();
    let sock = PathBuf::from(field("sock"));
    assert!(pid_alive(pid) && data.exists() && sock.exists());

    // Rust's Child::kill sends SIGKILL.
    child.0.kill().unwrap();
    child.0.wait().unwrap();

    let deadline = Instant::now() + Duration::from_secs(10);
    while (pid_alive(pid) || base.exists() || sock.exists()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!pid_alive(pid), "postmaster {pid} outlived its owner");
    assert!(!base.exists(), "{} not removed", base.display());
    assert!(!sock.exists(), "{} not removed", sock.display());
}
