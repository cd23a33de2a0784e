//! The batch engine against a real server: a backfill killed mid-way resumes where the last
//! committed batch stopped, and in the end every row holds the right value, written exactly
//! once.

mod common;

use common::{TestDb, server, test_db};
use schemadiff::connect::ConnectOptions;
use schemadiff::introspect::Filter;
use schemadiff::plan::{Hints, Phase, Plan, Settings, plan_with};
use schemadiff::render::render_forward;
use schemadiff::resolve::{Target, catalogs};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROWS: i64 = 20_000;

/// `from`: a table whose updates are counted per row by a trigger of the application.
const FROM: &str = "
CREATE TABLE items (
  id bigint PRIMARY KEY,
  qty integer NOT NULL,
  touched integer NOT NULL DEFAULT 0
);
CREATE FUNCTION count_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.touched := OLD.touched + 1; RETURN NEW; END $$;
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION count_touch();
";

const TO: &str = "
CREATE TABLE items (
  id bigint PRIMARY KEY,
  qty integer NOT NULL,
  touched integer NOT NULL DEFAULT 0,
  -- schemadiff:backfill using=\"qty * 2\"
  doubled integer NOT NULL
);
CREATE FUNCTION count_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.touched := OLD.touched + 1; RETURN NEW; END $$;
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION count_touch();
";

async fn planned(db: &TestDb, dir: &std::path::Path, settings: Settings) -> Plan {
    let to = dir.join("to.sql");
    std::fs::write(&to, TO).unwrap();
    let from = Target::Database(Box::new(ConnectOptions::parse(db.conn_string()).unwrap()));
    let (a, b, hints): (_, _, Hints) =
        catalogs(&from, &Target::Files(to), None, &Filter::default())
            .await
            .unwrap();
    assert!(
        !hints.backfills.is_empty(),
        "the backfill annotation reaches the planner"
    );
    plan_with(&a, &b, settings, &hints).unwrap()
}

fn script(plan: &Plan, phase: Phase) -> String {
    let mut out = Vec::new();
    render_forward(plan, &[phase], &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn scalar(db: &TestDb, sql: &str) -> String {
    db.psql(sql).unwrap().trim().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_backfill_resumes_and_writes_every_row_once() {
    let db = test_db("backfill_resume");
    db.psql(FROM).unwrap();
    db.psql(&format!(
        "INSERT INTO items (id, qty) SELECT g, g % 100 FROM generate_series(1, {ROWS}) g"
    ))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        batch_rows: 500,
        batch_pause_ms: 20,
        ..Settings::default()
    };
    let plan = planned(&db, dir.path(), settings).await;
    db.psql(&script(&plan, Phase::Expand)).unwrap();
    let backfill = script(&plan, Phase::Backfill);
    assert!(backfill.contains("DO $schemadiff$"), "{backfill}");

    // Run the backfill in psql and kill its backend once some batches have committed.
    let mut child = psql_child(&db, &backfill);
    let started = Instant::now();
    loop {
        // The progress table appears with the backfill's first statements.
        let done: i64 = db
            .psql("SELECT coalesce((SELECT rows_done FROM schemadiff.backfills), 0)")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        if done >= 3_000 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the backfill made no progress"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    db.psql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'DO $schemadiff$%'",
    )
    .unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "psql saw its backend go");
    let done: i64 = scalar(&db, "SELECT rows_done FROM schemadiff.backfills")
        .parse()
        .unwrap();
    let filled: i64 = scalar(&db, "SELECT count(*) FROM items WHERE doubled IS NOT NULL")
        .parse()
        .unwrap();
    assert!(done > 0 && done < ROWS, "killed mid-way: {done} rows done");
    assert_eq!(
        filled, done,
        "exactly the committed batches' rows are filled"
    );

    // The same script again continues from the last committed batch.
    db.psql(&backfill).unwrap();
    let wrong = scalar(
        &db,
        "SELECT count(*) FROM items WHERE doubled IS DISTINCT FROM qty * 2 OR touched <> 1",
    );
    assert_eq!(
        wrong, "0",
        "every row filled right, and updated exactly once"
    );
    let (rows_done, finished) = {
        let row = scalar(
            &db,
            "SELECT rows_done || ' ' || (finished_at IS NOT NULL) FROM schemadiff.backfills",
        );
        let mut parts = row.split(' ');
        (
            parts.next().unwrap().to_string(),
            parts.next().unwrap().to_string(),
        )
    };
    assert_eq!(rows_done, ROWS.to_string());
    assert_eq!(finished, "true");
    // Contract completes on the filled column.
    db.psql(&script(&plan, Phase::Contract)).unwrap();
    assert_eq!(
        scalar(
            &db,
            "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'doubled'"
        ),
        "t"
    );
}

fn psql_child(db: &TestDb, sql: &str) -> std::process::Child {
    let mut child = Command::new(server().psql_program())
        .args([
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            db.conn_string(),
            "-f",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sql.as_bytes())
        .unwrap();
    child
}
