//! `schemadiff dump` round trips (issue: foundation): a schema with every object kind and an
//! identifier-torture schema each load → dump → load into an empty database → dump
//! byte-identically, the two databases introspect to equal catalogs, and planning from a
//! database to its own dump is empty.

mod common;

use common::{TestDb, server, test_db};
use std::path::Path;
use std::process::Command;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The fixture's SQL without its `-- expect error` statements: the kitchen sink leaves an
/// INVALID index behind on purpose (for introspection), and an invalid index cannot round
/// trip by design — the dump writes it as a normal CREATE INDEX, with a note.
fn fixture_sql(name: &str) -> String {
    let text = std::fs::read_to_string(fixture(&format!("{name}.sql"))).unwrap();
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.trim() == "-- expect error" {
            skipping = true;
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
        if skipping && line.trim_end().ends_with(';') {
            skipping = false;
        }
    }
    out
}

fn dump(db: &TestDb) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args(["dump", "--url", db.conn_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

async fn catalog(db: &TestDb) -> schemadiff::model::Catalog {
    let opts = schemadiff::connect::ConnectOptions::parse(db.conn_string()).unwrap();
    let client = schemadiff::connect::connect(&opts).await.unwrap();
    schemadiff::introspect::introspect(&client, &Default::default())
        .await
        .unwrap()
}

fn round_trip(name: &str) {
    let original = test_db(&format!("rt_{name}"));
    original
        .psql(&fixture_sql(name))
        .unwrap_or_else(|e| panic!("loading {name}.sql: {e}"));
    let first = dump(&original);

    let copy = test_db(&format!("rt_{name}_copy"));
    copy.psql(&first)
        .unwrap_or_else(|e| panic!("loading the dump of {name}: {e}\n{first}"));
    let second = dump(&copy);
    if first != second {
        let diff = similar::TextDiff::from_lines(&first, &second);
        panic!(
            "dump of the reloaded {name} differs:\n{}",
            diff.unified_diff().context_radius(2)
        );
    }

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (a, b) = rt.block_on(async { (catalog(&original).await, catalog(&copy).await) });
    assert_eq!(a, b, "catalogs of {name} and of its reloaded dump differ");

    // Adopting schemadiff: the live database planned against its own dump is no change.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schema.sql");
    std::fs::write(&file, &first).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args([
            "plan",
            "--from",
            original.conn_string(),
            "--to",
            file.to_str().unwrap(),
            "--exit-code",
            "--format",
            "sql",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "plan against its own dump is not empty:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn kitchen_sink_round_trips() {
    round_trip("kitchen_sink");
}

#[test]
fn identifier_torture_round_trips() {
    round_trip("identifier_torture");
}

#[test]
fn split_dump_loads_in_path_order() {
    let original = test_db("rt_split");
    original.psql(&fixture_sql("kitchen_sink")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args([
            "dump",
            "--url",
            original.conn_string(),
            "--split",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() > 5, "one file per object kind: {files:?}");
    // The split directory is a desired state: planning the original against it is empty.
    let plan = Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args([
            "plan",
            "--from",
            original.conn_string(),
            "--to",
            dir.path().to_str().unwrap(),
            "--exit-code",
        ])
        .output()
        .unwrap();
    assert_eq!(
        plan.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&plan.stdout),
        String::from_utf8_lossy(&plan.stderr)
    );
}

/// `pg_dump --schema-only` of a database, with the server's own pg_dump.
fn pg_dump_schema(db: &TestDb) -> String {
    let bin_dir = match server().cluster() {
        Some(c) => Some(c.bin_dir().to_path_buf()),
        None => schemadiff::cluster::find_bin_dir().ok(),
    };
    let pg_dump = schemadiff::cluster::find_client_program(bin_dir.as_deref(), "pg_dump")
        .expect("pg_dump beside the server binaries or on PATH");
    let out = Command::new(pg_dump)
        .args(["--schema-only", "-d", db.conn_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pg_dump: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The objects of the plan from `db` to the desired state in `file` (empty: no change).
fn planned_objects(db: &TestDb, file: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args(["plan", "--from", db.conn_string(), "--to"])
        .arg(file)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "plan failed: {stderr}");
    assert!(stderr.is_empty(), "no warnings expected: {stderr}");
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .filter(|s| !s["forward"].as_array().unwrap().is_empty())
        .map(|s| s["object"].to_string())
        .collect()
}

/// A newcomer's first move: `pg_dump -s > schema.sql`, used as the desired state, must plan
/// to nothing against the database it came from. pg_dump --schema-only writes every
/// materialized view `WITH NO DATA` (their data is refreshed in the data section it leaves
/// out), so a populated one is the one thing such a file cannot say: the plan against the
/// fixture as loaded rebuilds exactly those; with them unpopulated it is empty.
fn pg_dump_plans_to_nothing(name: &str, populated: &[(&str, &str)]) {
    let original = test_db(&format!("pgd_{name}"));
    original
        .psql(&fixture_sql(name))
        .unwrap_or_else(|e| panic!("loading {name}.sql: {e}"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schema.sql");
    std::fs::write(&file, pg_dump_schema(&original)).unwrap();

    let objects = planned_objects(&original, &file);
    // A step's object names the view itself, or it as the table of an index or comment.
    let json =
        |(schema, view): &(&str, &str)| format!(r#"{{"name":"{view}","schema":"{schema}"}}"#);
    for object in &objects {
        assert!(
            populated.iter().any(|m| object.contains(&json(m))),
            "{name}: the plan touches {object}, which is not a populated materialized view: {objects:?}"
        );
    }
    for m in populated {
        assert!(
            objects.iter().any(|o| o.contains(&json(m))),
            "{name}: {m:?} is populated and the dump says WITH NO DATA: {objects:?}"
        );
        let (schema, view) = m;
        original
            .psql(&format!(
                "REFRESH MATERIALIZED VIEW \"{schema}\".\"{view}\" WITH NO DATA"
            ))
            .unwrap();
    }
    assert_eq!(
        planned_objects(&original, &file),
        Vec::<String>::new(),
        "{name}: plan against its own pg_dump --schema-only"
    );
}

#[test]
fn kitchen_sink_pg_dump_plans_to_nothing() {
    pg_dump_plans_to_nothing("kitchen_sink", &[("app", "order_stats")]);
}

#[test]
fn identifier_torture_pg_dump_plans_to_nothing() {
    pg_dump_plans_to_nothing("identifier_torture", &[("My Schema", "group")]);
}
