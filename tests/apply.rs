//! `schemadiff apply` against a real server, run as the binary a user runs.
//!
//! - Fault injection: a multi-phase plan (a backfill on a table with rows, a concurrent
//!   index, a dropped column kept as a backup, a new table) is interrupted before every
//!   segment it runs, once by SIGKILL of the apply process and once by
//!   `pg_terminate_backend` of its connection, and in the middle of the backfill both ways.
//!   Each time a second apply finishes the job: the schema equals the desired one by
//!   `pg_dump` (not our own introspection), the rows are right and were each written once
//!   (a trigger of the application counts updates), no INVALID index is left, and the
//!   history says every statement and phase is done.
//! - Two applies at once: the second refuses naming the holder of the lock.
//! - A stale `--plan` is refused naming what changed, and nothing runs.
//! - Lock contention: retries within the budget, then a clean stop naming the blocker, no
//!   statement half-done; a writer meanwhile waits no longer than about the lock timeout.
//! - The hazard gate, Ctrl-C, `--resume` through `--to`, history, and a fleet of 20
//!   databases with one broken on purpose.

mod common;

use common::{TestDb, pgdump, server, test_db, test_db_from};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const ROWS: i64 = 3_000;

const FROM: &str = "
CREATE TABLE items (
  id bigint PRIMARY KEY,
  qty integer NOT NULL,
  note text,
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
CREATE INDEX items_qty ON items (qty);
CREATE TABLE tags (id integer PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE FUNCTION count_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.touched := OLD.touched + 1; RETURN NEW; END $$;
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION count_touch();
";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_schemadiff")
}

fn schemadiff(args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args).env("NO_COLOR", "1").stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("schemadiff runs")
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn scalar(db: &TestDb, sql: &str) -> String {
    db.psql(sql).unwrap().trim().to_string()
}

/// A database in the `from` state with rows, to copy for each case.
fn base(prefix: &str, rows: i64) -> TestDb {
    let db = test_db(prefix);
    db.psql(FROM).unwrap();
    db.psql(&format!(
        "INSERT INTO items (id, qty, note) SELECT g, g % 97, 'note ' || g FROM generate_series(1, {rows}) g"
    ))
    .unwrap();
    db
}

/// The desired state as a file, and the `pg_dump` of a database loaded from it.
struct Desired {
    _dir: tempfile::TempDir,
    path: PathBuf,
    dump: pgdump::Dump,
}

fn desired(sql: &str) -> Desired {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("to.sql");
    std::fs::write(&path, sql).unwrap();
    let db = test_db("apply_expected");
    db.psql(sql).unwrap();
    let dump = pgdump::schema(&db).unwrap();
    Desired {
        _dir: dir,
        path,
        dump,
    }
}

/// Save the plan from `db` to the desired state, as a reviewer would.
fn save_plan(db: &TestDb, to: &Path, dir: &Path, extra: &[&str]) -> PathBuf {
    let plan = dir.join("plan.json");
    let mut args = vec![
        "plan",
        "--from",
        db.conn_string(),
        "--to",
        to.to_str().unwrap(),
        "--format",
        "json",
        "--out",
        plan.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = run(&mut schemadiff(&args));
    assert!(out.status.success(), "plan: {}", text(&out));
    plan
}

fn apply_args<'a>(db: &'a TestDb, plan: &'a Path) -> Vec<&'a str> {
    vec![
        "apply",
        "--url",
        db.conn_string(),
        "--plan",
        plan.to_str().unwrap(),
        "--yes",
        "--allow-hazard",
        "breaks-old-code",
        "--wait",
        "30s",
    ]
}

/// Everything a finished job must show.
fn check_finished(db: &TestDb, want: &Desired, what: &str) {
    let got = pgdump::schema(db).unwrap();
    if let Err(e) = pgdump::same(&got, &want.dump, what) {
        panic!("{what}: the schema is not the desired one:\n{e}");
    }
    assert_eq!(
        scalar(
            db,
            "SELECT count(*) FILTER (WHERE doubled = qty * 2 AND touched = 1) || '/' || count(*) FROM items"
        ),
        format!("{ROWS}/{ROWS}"),
        "{what}: every row backfilled right, and written exactly once"
    );
    assert_eq!(
        scalar(
            db,
            "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT i.indisvalid AND n.nspname NOT LIKE 'pg_%'"
        ),
        "0",
        "{what}: no INVALID index is left"
    );
    // The dropped column's data is kept, every value of it.
    assert_eq!(
        scalar(
            db,
            "SELECT count(*) FROM schemadiff.backups WHERE source_table = 'items' AND source_column = 'note'"
        ),
        "1",
        "{what}: one backup of items.note"
    );
    // History: every phase with work done, every statement done.
    assert_eq!(
        scalar(
            db,
            "SELECT count(*) FILTER (WHERE status = 'done') || '/' || count(*) FROM schemadiff.migrations"
        ),
        "3/3",
        "{what}: the three phases are done"
    );
    assert_eq!(
        scalar(
            db,
            "SELECT count(*) FROM schemadiff.migration_statements WHERE status <> 'done'"
        ),
        "0",
        "{what}: every statement is done"
    );
}

/// Start an apply that pauses before its `n`-th segment; returns it once paused, with its
/// session's backend pid.
fn paused_apply(args: &[&str], n: usize, release: &Path) -> (Child, i32) {
    let mut child = schemadiff(args)
        .env("SCHEMADIFF_TEST_PAUSE_BEFORE", n.to_string())
        .env("SCHEMADIFF_TEST_RELEASE", release)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = Vec::new();
    loop {
        let Some(Ok(line)) = lines.next() else {
            let status = child.wait().unwrap();
            panic!(
                "apply ended ({status:?}) before segment {n}:\n{}",
                seen.join("\n")
            );
        };
        if let Some(rest) = line.strip_prefix("schemadiff-test: paused before segment ") {
            let pid = rest
                .split("backend pid ")
                .nth(1)
                .and_then(|p| p.trim_end_matches(')').parse().ok())
                .expect("the pause names the backend pid");
            // Keep draining stderr so the child never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines {});
            return (child, pid);
        }
        seen.push(line);
    }
}

fn kill9(child: &mut Child) {
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
}

fn terminate(db: &TestDb, pid: i32) {
    db.psql(&format!("SELECT pg_terminate_backend({pid})"))
        .unwrap();
}

/// How many segments a whole apply runs (the hook names each one it starts).
fn segments_of(args: &[&str]) -> usize {
    let out = run(schemadiff(args).env("SCHEMADIFF_TEST_PAUSE_BEFORE", "0"));
    assert!(out.status.success(), "clean apply: {}", text(&out));
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("schemadiff-test: segment "))
        .count()
}

#[test]
fn interrupted_at_every_segment_then_resumed() {
    let want = desired(TO);
    let base = base("apply_fault_base", ROWS);
    let dir = tempfile::tempdir().unwrap();
    let settings = ["--batch-rows", "500", "--batch-pause", "1ms"];
    let plan = save_plan(&base, &want.path, dir.path(), &settings);
    // Copies of the base database get the same fingerprint, so the one saved plan fits all.
    let clean = test_db_from("apply_fault_clean", base.name());
    let args = apply_args(&clean, &plan);
    let segments = segments_of(&args);
    check_finished(&clean, &want, "uninterrupted");
    assert!(segments > 10, "a plan of many segments ({segments})");
    eprintln!("fault injection at {segments} segment boundaries, two ways each");
    drop(clean);
    let mut cases = 0;
    for n in 1..=segments {
        for how in ["kill", "terminate"] {
            let db = test_db_from("apply_fault", base.name());
            let release = dir.path().join(format!("release_{n}_{how}"));
            let args = apply_args(&db, &plan);
            let (mut child, pid) = paused_apply(&args, n, &release);
            match how {
                "kill" => kill9(&mut child),
                _ => {
                    terminate(&db, pid);
                    std::fs::write(&release, "").unwrap();
                    let status = child.wait().unwrap();
                    assert!(
                        !status.success(),
                        "segment {n}: apply fails once its connection is gone"
                    );
                }
            }
            let out = run(&mut schemadiff(&args));
            assert!(
                out.status.success(),
                "segment {n}, {how}: the second apply finishes: {}",
                text(&out)
            );
            check_finished(
                &db,
                &want,
                &format!("interrupted ({how}) before segment {n}"),
            );
            cases += 1;
        }
    }
    assert_eq!(cases, 2 * segments);
}

/// Wait until the backfill of `db` has done some rows but not all.
fn mid_backfill(db: &TestDb) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let done = db
            .psql("SELECT coalesce(max(rows_done), 0) FROM schemadiff.backfills WHERE finished_at IS NULL AND relation = 'public.items'")
            .map(|s| s.trim().parse::<i64>().unwrap_or(0))
            .unwrap_or(0);
        if done >= ROWS / 5 {
            return;
        }
        assert!(Instant::now() < deadline, "the backfill never got going");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn interrupted_in_the_middle_of_the_backfill_then_resumed() {
    let want = desired(TO);
    let base = base("apply_midfill_base", ROWS);
    let dir = tempfile::tempdir().unwrap();
    // Small batches with pauses: the backfill takes long enough to be caught in the middle.
    let plan = save_plan(
        &base,
        &want.path,
        dir.path(),
        &["--batch-rows", "50", "--batch-pause", "20ms"],
    );
    for how in ["kill", "terminate", "ctrl-c"] {
        let db = test_db_from("apply_midfill", base.name());
        let args = apply_args(&db, &plan);
        let mut child = schemadiff(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        mid_backfill(&db);
        match how {
            "kill" => kill9(&mut child),
            "terminate" => {
                // Only this database's sessions: the other tests of this binary run their
                // applies on the same server at the same time (terminating theirs made
                // `interrupted_at_every_segment_then_resumed` fail now and then).
                db.psql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = current_database() AND application_name = 'schemadiff' \
                       AND query LIKE 'DO %'",
                )
                .unwrap();
                assert!(!child.wait().unwrap().success());
            }
            _ => {
                let pid = child.id().to_string();
                Command::new("kill").args(["-INT", &pid]).status().unwrap();
                let out = child.wait_with_output().unwrap();
                assert_eq!(out.status.code(), Some(1), "Ctrl-C exits 1");
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(
                    stderr.contains("interrupted"),
                    "says it was interrupted: {stderr}"
                );
                assert_eq!(
                    scalar(
                        &db,
                        "SELECT status FROM schemadiff.migrations WHERE phase = 'backfill'"
                    ),
                    "interrupted",
                    "the history records where it stopped"
                );
            }
        }
        let partial: i64 = scalar(&db, "SELECT count(*) FROM items WHERE doubled IS NOT NULL")
            .parse()
            .unwrap();
        assert!(
            partial < ROWS,
            "{how}: stopped in the middle ({partial} rows done)"
        );
        let out = run(&mut schemadiff(&args));
        assert!(
            out.status.success(),
            "{how}: the second apply finishes: {}",
            text(&out)
        );
        check_finished(&db, &want, &format!("interrupted ({how}) mid-backfill"));
    }
}

#[test]
fn a_second_apply_refuses_while_the_first_holds_the_lock() {
    let want = desired(TO);
    let db = base("apply_race", 100);
    let dir = tempfile::tempdir().unwrap();
    let plan = save_plan(&db, &want.path, dir.path(), &[]);
    let release = dir.path().join("release");
    let args = apply_args(&db, &plan);
    let (mut first, pid) = paused_apply(&args, 2, &release);
    let mut second_args = args.clone();
    second_args.retain(|a| *a != "30s" && *a != "--wait");
    second_args.extend(["--wait", "300ms"]);
    let out = run(&mut schemadiff(&second_args));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("another apply holds the migration lock")
            && stderr.contains(&format!("pid {pid}"))
            && stderr.contains("schemadiff"),
        "names the holder: {stderr}"
    );
    std::fs::write(&release, "").unwrap();
    assert!(first.wait().unwrap().success(), "the first apply finishes");
    let again = run(&mut schemadiff(&second_args));
    assert!(again.status.success(), "{}", text(&again));
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to do"));
}

#[test]
fn a_stale_plan_is_refused_naming_what_changed() {
    let want = desired(TO);
    let db = base("apply_stale", 10);
    let dir = tempfile::tempdir().unwrap();
    let plan = save_plan(&db, &want.path, dir.path(), &[]);
    db.psql("ALTER TABLE items ADD COLUMN extra integer; CREATE VIEW v AS SELECT id FROM items;")
        .unwrap();
    let before = pgdump::schema(&db).unwrap();
    let out = run(&mut schemadiff(&apply_args(&db, &plan)));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the plan is stale"), "{stderr}");
    assert!(stderr.contains("changed table public.items"), "{stderr}");
    assert!(stderr.contains("added view public.v"), "{stderr}");
    pgdump::same(&pgdump::schema(&db).unwrap(), &before, "after the refusal").unwrap();
    assert_eq!(
        scalar(&db, "SELECT to_regclass('schemadiff.migrations') IS NULL"),
        "t",
        "nothing was recorded"
    );
}

#[test]
fn lock_contention_retries_then_stops_naming_the_blocker() {
    let want = desired(TO);
    let db = base("apply_contention", 100);
    let dir = tempfile::tempdir().unwrap();
    let plan = save_plan(&db, &want.path, dir.path(), &["--lock-timeout", "200ms"]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        // An open transaction that has read the table: ALTER TABLE waits for it.
        let blocker = db.client().await;
        blocker
            .batch_execute("SET application_name = 'long_report'; BEGIN; SELECT count(*) FROM items")
            .await
            .unwrap();
        let writer = db.client().await;
        let mut args = apply_args(&db, &plan);
        args.extend(["--tries", "3", "--retry-delay", "100ms"]);
        let child = schemadiff(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Writers keep writing while apply waits and retries.
        let mut worst = Duration::ZERO;
        let started = Instant::now();
        let mut id = 1_000_000i64;
        while started.elapsed() < Duration::from_millis(1_500) {
            id += 1;
            let t = Instant::now();
            writer
                .execute("INSERT INTO items (id, qty) VALUES ($1, 1)", &[&id])
                .await
                .unwrap();
            worst = worst.max(t.elapsed());
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("could not get its lock in 3 tries")
                && stderr.contains("long_report")
                && stderr.contains("on public.items"),
            "names the lock and its holder: {stderr}"
        );
        // A writer waits at most for the lock timeout of apply's queued lock request.
        assert!(
            worst < Duration::from_millis(200 + 500),
            "a writer waited {worst:?} behind apply's lock request"
        );
        // Nothing half-done: the statement's transaction was rolled back.
        assert_eq!(
            scalar(&db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'doubled'"),
            "0"
        );
        assert_eq!(
            scalar(&db, "SELECT status || ' ' || retries FROM schemadiff.migration_statements WHERE status <> 'done' AND status <> 'pending' ORDER BY index LIMIT 1"),
            "failed 2"
        );
        assert_eq!(
            scalar(&db, "SELECT status FROM schemadiff.migrations"),
            "failed"
        );
        blocker.batch_execute("COMMIT").await.unwrap();
    });
    let out = run(&mut schemadiff(&apply_args(&db, &plan)));
    assert!(
        out.status.success(),
        "resumes once the blocker is gone: {}",
        text(&out)
    );
    assert_eq!(
        scalar(
            &db,
            "SELECT count(*) FILTER (WHERE doubled = qty * 2) = count(*) FROM items"
        ),
        "t"
    );
}

#[test]
fn the_hazard_gate_refuses_and_runs_nothing() {
    let want = desired(TO);
    let db = base("apply_gate", 10);
    let before = pgdump::schema(&db).unwrap();
    let out = run(&mut schemadiff(&[
        "apply",
        "--url",
        db.conn_string(),
        "--to",
        want.path.to_str().unwrap(),
        "--yes",
    ]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("drop-column column public.items.note (contract): breaks-old-code")
            && stderr.contains("--allow-hazard breaks-old-code"),
        "lists the blocked statement and how to allow it: {stderr}"
    );
    pgdump::same(&pgdump::schema(&db).unwrap(), &before, "after the refusal").unwrap();
}

#[test]
fn phases_one_at_a_time_through_to_with_history() {
    let want = desired(TO);
    let db = base("apply_phases", 200);
    let to = want.path.to_str().unwrap();
    let phase = |p: &str| {
        run(&mut schemadiff(&[
            "apply",
            "--url",
            db.conn_string(),
            "--to",
            to,
            "--phase",
            p,
            "--yes",
            "--allow-hazard",
            "breaks-old-code",
        ]))
    };
    let early = phase("contract");
    assert_eq!(early.status.code(), Some(1), "{}", text(&early));
    assert!(String::from_utf8_lossy(&early.stderr).contains("apply --phase expand first"));
    for p in ["expand", "backfill"] {
        let out = phase(p);
        assert!(out.status.success(), "{p}: {}", text(&out));
    }
    // Between phases the database is half-way; the same desired state continues the plan
    // (a fresh plan would take the new column for drift).
    let out = phase("contract");
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("continuing plan"),
        "{}",
        text(&out)
    );
    let history = run(&mut schemadiff(&["history", "--url", db.conn_string()]));
    let listed = String::from_utf8_lossy(&history.stdout);
    for p in ["expand", "backfill", "contract"] {
        assert!(
            listed.lines().any(|l| l.contains(p) && l.contains("done")),
            "history lists {p} done:\n{listed}"
        );
    }
    let json = run(&mut schemadiff(&[
        "history",
        "--url",
        db.conn_string(),
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["migrations"].as_array().unwrap().len(), 3);
    let again = phase("contract");
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("nothing to do"),
        "{}",
        text(&again)
    );
}

#[test]
fn a_fleet_applies_to_every_database_but_the_broken_one() {
    let sql = "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
CREATE UNIQUE INDEX accounts_email ON accounts (email);";
    let want = desired(sql);
    let base = test_db("apply_fleet_base");
    base.psql("CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL); INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 50) g;")
        .unwrap();
    let dbs: Vec<TestDb> = (0..20)
        .map(|_| test_db_from("apply_fleet", base.name()))
        .collect();
    // Broken on purpose: duplicate emails, so the unique index cannot be built.
    dbs[7]
        .psql("INSERT INTO accounts VALUES (1000, 'a1')")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("dbs.txt");
    let mut lines = String::from("# shards\n");
    for db in &dbs {
        lines.push_str(db.conn_string());
        lines.push('\n');
    }
    std::fs::write(&list, lines).unwrap();
    let out = run(&mut schemadiff(&[
        "apply",
        "--urls-file",
        list.to_str().unwrap(),
        "--to",
        want.path.to_str().unwrap(),
        "--parallel",
        "4",
        "--keep-going",
        "--yes",
    ]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        19,
        "{stdout}"
    );
    let failed: Vec<&str> = stdout.lines().filter(|l| l.starts_with("FAILED")).collect();
    assert_eq!(failed.len(), 1, "{stdout}");
    assert!(failed[0].contains(dbs[7].name()), "{stdout}");
    for (i, db) in dbs.iter().enumerate() {
        if i == 7 {
            assert_eq!(
                scalar(db, "SELECT status FROM schemadiff.migrations"),
                "failed"
            );
            // The failed concurrent build left an INVALID index behind.
            assert_eq!(
                scalar(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"),
                "1"
            );
            continue;
        }
        pgdump::same(&pgdump::schema(db).unwrap(), &want.dump, db.name()).unwrap();
        assert_eq!(
            scalar(
                db,
                "SELECT string_agg(status, ',') FROM schemadiff.migrations"
            ),
            "done"
        );
    }
    // Once the data is fixed, applying again drops the INVALID index and builds it anew.
    let broken = &dbs[7];
    broken.psql("DELETE FROM accounts WHERE id = 1000").unwrap();
    let again = run(&mut schemadiff(&[
        "apply",
        "--url",
        broken.conn_string(),
        "--to",
        want.path.to_str().unwrap(),
        "--yes",
    ]));
    assert!(again.status.success(), "{}", text(&again));
    assert_eq!(
        scalar(broken, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"),
        "0"
    );
    pgdump::same(&pgdump::schema(broken).unwrap(), &want.dump, "repaired").unwrap();
}

/// Lower one statement's claimed lock in a saved plan and return the plan's path and the
/// SQL of the statement tampered with.
fn understate(plan: &Path, dir: &Path) -> (PathBuf, String) {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(plan).unwrap()).unwrap();
    let mut sql = String::new();
    'found: for phase in v["phases"].as_array_mut().unwrap() {
        for step in phase["steps"].as_array_mut().unwrap() {
            if step["kind"] != "add-column" {
                continue;
            }
            for s in step["forward"].as_array_mut().unwrap() {
                if s["sql"].as_str().unwrap().contains("ADD COLUMN") {
                    for l in s["locks"].as_array_mut().unwrap() {
                        l["mode"] = serde_json::json!("ACCESS_SHARE");
                    }
                    sql = s["sql"].as_str().unwrap().to_string();
                    break 'found;
                }
            }
        }
    }
    assert!(!sql.is_empty(), "the plan adds a column");
    let out = dir.join("understated.json");
    std::fs::write(&out, serde_json::to_string(&v).unwrap()).unwrap();
    (out, sql)
}

#[test]
fn verify_passes_a_true_plan_and_catches_an_understated_lock() {
    let want = desired(TO);
    let db = base("apply_verify", 300);
    let before = pgdump::schema(&db).unwrap();
    let to = want.path.to_str().unwrap();
    let ok = run(&mut schemadiff(&[
        "verify",
        "--url",
        db.conn_string(),
        "--to",
        to,
    ]));
    assert!(ok.status.success(), "{}", text(&ok));
    let report = String::from_utf8_lossy(&ok.stdout);
    for line in [
        "forward: the schema equals the desired state",
        "reverse: the schema equals the original",
        "stronger than claimed",
    ] {
        assert!(report.contains(line), "{line}: {report}");
    }
    assert!(report.contains(", 0 stronger than claimed"), "{report}");
    let dir = tempfile::tempdir().unwrap();
    let plan = save_plan(&db, &want.path, dir.path(), &[]);
    let (tampered, sql) = understate(&plan, dir.path());
    let bad = run(&mut schemadiff(&[
        "verify",
        "--url",
        db.conn_string(),
        "--to",
        to,
        "--plan",
        tampered.to_str().unwrap(),
    ]));
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    let report = String::from_utf8_lossy(&bad.stdout);
    assert!(
        report.contains("lock stronger than claimed: forward expand: add-column column public.items.doubled: took ACCESS EXCLUSIVE on public.items, claims ACCESS SHARE")
            && report.contains(sql.lines().next().unwrap()),
        "{report}"
    );
    // apply --verify refuses the same plan and runs nothing.
    let mut args = apply_args(&db, &tampered);
    args.extend(["--verify", "--to", to]);
    let refused = run(&mut schemadiff(&args));
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("nothing was applied"));
    // The live database was only read, and no shadow is left behind.
    pgdump::same(&pgdump::schema(&db).unwrap(), &before, "after verify").unwrap();
    let shadow = report
        .lines()
        .find_map(|l| l.split("into shadow database ").nth(1))
        .expect("verify names its shadow");
    assert!(
        !server().database_exists(shadow.trim()),
        "{shadow} was dropped"
    );
}
