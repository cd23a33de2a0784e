//! `schemadiff backups list|purge` against a real server, and the bookkeeping schemas
//! (`schemadiff`, `schemadiff_backup`) staying out of every schema comparison. The registry
//! and the backups are made by hand here, as the planner will make them.

mod common;

use common::{TestDb, pgdump, test_db};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Run schemadiff in `dir` with no terminal on stdin (so a purge cannot ask).
fn schemadiff_in(dir: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_schemadiff"));
    cmd.args(args)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    cmd.output().expect("run schemadiff")
}

fn schemadiff(args: &[&str]) -> Output {
    schemadiff_in(None, args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A managed table, the registry and three backups: a column backup made 40 days ago, a
/// table backup made 10 days ago (a dropped table moved into `schemadiff_backup`), and a
/// registry row whose table is already gone (60 days ago).
fn with_backups(prefix: &str) -> TestDb {
    let db = test_db(prefix);
    db.psql(schemadiff::bookkeeping::BACKUPS_DDL).unwrap();
    db.psql(&format!(
        "{}
         CREATE TABLE public.users (id integer PRIMARY KEY, name text);
         CREATE TABLE schemadiff_backup.users_legacy_1 AS
           SELECT g AS id, 'legacy ' || g AS value FROM generate_series(1, 2000) g;
         CREATE TABLE schemadiff_backup.\"Orders_1\" (id integer PRIMARY KEY, total numeric);
         INSERT INTO schemadiff.backups
           (backup, kind, source_schema, source_table, source_column, key_columns, plan, created_at)
         VALUES
           ('users_legacy_1', 'column', 'public', 'users', 'legacy', '{{id}}', '3f2a9c1',
            now() - interval '40 days'),
           ('Orders_1', 'table', 'public', 'Orders', NULL, '{{}}', 'a1b2c3d',
            now() - interval '10 days'),
           ('gone_1', 'column', 'public', 'users', 'nickname', '{{id}}', '3f2a9c1',
            now() - interval '60 days');",
        schemadiff::bookkeeping::BACKUP_SCHEMA_DDL
    ))
    .unwrap();
    db
}

/// The registry rows and the tables in `schemadiff_backup`, sorted.
fn state(db: &TestDb) -> String {
    db.psql(
        "SELECT 'row ' || backup FROM schemadiff.backups
         UNION ALL SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = 'schemadiff_backup'
         ORDER BY 1",
    )
    .unwrap()
}

#[test]
fn backups_list_without_a_registry_prints_nothing() {
    let db = test_db("backups_none");
    let out = schemadiff(&["backups", "list", "--url", db.conn_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("no backups"), "{}", stderr(&out));
    let out = schemadiff(&[
        "backups",
        "list",
        "--url",
        db.conn_string(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc, serde_json::json!({ "backups": [] }));
    let out = schemadiff(&["backups", "purge", "--url", db.conn_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("no backups"), "{}", stderr(&out));
}

#[test]
fn backups_list_as_text_and_json() {
    let db = with_backups("backups_list");
    let out = schemadiff(&["backups", "list", "--url", db.conn_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    let words = |l: &str| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        words(lines[0]),
        ["backup", "kind", "source", "plan", "created_at", "size"]
    );
    // Oldest first; the missing table says so instead of a size.
    let gone = words(lines[1]);
    assert_eq!(
        gone[..4],
        ["gone_1", "column", "public.users.nickname", "3f2a9c1"]
    );
    assert_eq!(gone[5], "missing", "{text}");
    let legacy = words(lines[2]);
    assert_eq!(
        legacy[..4],
        ["users_legacy_1", "column", "public.users.legacy", "3f2a9c1"]
    );
    assert!(
        legacy[4].ends_with('Z') && legacy[4].contains('T'),
        "{text}"
    );
    assert!(text.contains(" kB") || text.contains(" MB"), "{text}");
    let orders = words(lines[3]);
    assert_eq!(
        orders[..4],
        ["Orders_1", "table", "public.\"Orders\"", "a1b2c3d"]
    );
    // The columns line up.
    let at = lines[0].find("created_at").unwrap();
    assert!(
        lines[1..].iter().all(|l| l[at..].starts_with("20")),
        "{text}"
    );

    let out = schemadiff(&[
        "backups",
        "list",
        "--url",
        db.conn_string(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let backups = doc["backups"].as_array().unwrap();
    let names: Vec<&str> = backups
        .iter()
        .map(|b| b["backup"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["gone_1", "users_legacy_1", "Orders_1"]);
    let legacy = &backups[1];
    assert_eq!(legacy["kind"], "column");
    assert_eq!(legacy["source_schema"], "public");
    assert_eq!(legacy["source_table"], "users");
    assert_eq!(legacy["source_column"], "legacy");
    assert_eq!(legacy["key_columns"], serde_json::json!(["id"]));
    assert_eq!(legacy["plan"], "3f2a9c1");
    assert!(legacy["size_bytes"].as_i64().unwrap() > 8192);
    assert!(backups[0]["size_bytes"].is_null());
    assert!(backups[2]["source_column"].is_null());
    assert_eq!(backups[2]["key_columns"], serde_json::json!([]));
}

#[test]
fn backups_purge_dry_run_refusal_and_older_than() {
    let db = with_backups("backups_purge");
    let url = db.conn_string();
    let before = state(&db);
    assert_eq!(
        before.lines().collect::<Vec<_>>(),
        [
            "row Orders_1",
            "row gone_1",
            "row users_legacy_1",
            "table Orders_1",
            "table users_legacy_1",
        ]
    );

    // --dry-run lists what would go and changes nothing.
    let out = schemadiff(&[
        "backups",
        "purge",
        "--url",
        url,
        "--older-than",
        "30d",
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{}", stdout(&out));
    assert!(lines[0].starts_with("would drop schemadiff_backup.gone_1 "));
    assert!(lines[1].starts_with("would drop schemadiff_backup.users_legacy_1 "));
    assert!(
        stderr(&out).contains("nothing was changed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(state(&db), before);

    // No terminal and no --yes: refused, nothing changed.
    let out = schemadiff(&["backups", "purge", "--url", url, "--older-than", "30d"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(state(&db), before);

    // A bad duration is a usage error, before anything happens.
    let out = schemadiff(&[
        "backups",
        "purge",
        "--url",
        url,
        "--older-than",
        "a month",
        "--yes",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a duration"), "{}", stderr(&out));
    assert_eq!(state(&db), before);

    // --older-than 30d keeps the 10-day-old backup; the row of the missing table goes, noted.
    let out = schemadiff(&[
        "backups",
        "purge",
        "--url",
        url,
        "--older-than",
        "30d",
        "--yes",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("dropped schemadiff_backup.users_legacy_1 "),
        "{}",
        stdout(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
    assert!(
        stderr(&out).contains("note: schemadiff_backup.gone_1 was already gone"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        state(&db).lines().collect::<Vec<_>>(),
        ["row Orders_1", "table Orders_1"]
    );

    // Nothing older than 30 days is left.
    let out = schemadiff(&["backups", "purge", "--url", url, "--older-than", "4w"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no backups older than 4w"),
        "{}",
        stderr(&out)
    );

    // A backup in use is not waited for: lock_timeout, exit 1, still there.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let holder = rt.block_on(db.client());
    rt.block_on(
        holder
            .batch_execute("BEGIN; LOCK TABLE schemadiff_backup.\"Orders_1\" IN ACCESS SHARE MODE"),
    )
    .unwrap();
    let out = schemadiff(&[
        "backups",
        "purge",
        "--url",
        url,
        "--yes",
        "--lock-timeout",
        "200ms",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("lock timeout"), "{}", stderr(&out));
    assert_eq!(
        state(&db).lines().collect::<Vec<_>>(),
        ["row Orders_1", "table Orders_1"]
    );
    rt.block_on(holder.batch_execute("ROLLBACK")).unwrap();
    drop(holder);

    // Without --older-than: all of them.
    let out = schemadiff(&["backups", "purge", "--url", url, "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("dropped schemadiff_backup.\"Orders_1\" "),
        "{}",
        stdout(&out)
    );
    assert_eq!(state(&db), "");
    assert!(
        db.psql("SELECT count(*) FROM public.users").is_ok(),
        "the managed table is untouched"
    );
}

#[test]
fn backups_url_comes_from_schemadiff_toml() {
    let db = with_backups("backups_config");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schemadiff.toml"),
        format!("from = {:?}\nto = \"schema\"\n", db.conn_string()),
    )
    .unwrap();
    let out = schemadiff_in(Some(dir.path()), &["backups", "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4, "{}", stdout(&out));

    let help = schemadiff(&["backups", "purge", "--help"]);
    assert!(stdout(&help).contains("Examples:"), "{}", stdout(&help));
    assert!(stdout(&help).contains("--older-than"), "{}", stdout(&help));
    let help = schemadiff(&["backups", "--help"]);
    assert!(stdout(&help).contains("purge"), "{}", stdout(&help));
}

/// Neither side of a plan, nor `dump`, nor the pg_dump oracle sees the bookkeeping: a
/// database with backups plans to nothing against its schema without them, and against a
/// desired file that declares bookkeeping objects too (a `pg_dump -s` of it would).
#[test]
fn backups_bookkeeping_is_not_part_of_the_schema() {
    let db = with_backups("backups_schema");
    db.psql(schemadiff::bookkeeping::BACKFILLS_DDL).unwrap();
    let plain = test_db("backups_schema_plain");
    plain
        .psql("CREATE TABLE public.users (id integer PRIMARY KEY, name text);")
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let desired = dir.path().join("schema.sql");
    std::fs::write(
        &desired,
        "CREATE TABLE public.users (id integer PRIMARY KEY, name text);\n\
         CREATE SCHEMA schemadiff_backup;\n\
         CREATE TABLE schemadiff_backup.something_else (id integer);\n\
         CREATE SCHEMA schemadiff;\n\
         CREATE TABLE schemadiff.history (id integer);\n",
    )
    .unwrap();
    let desired = desired.to_string_lossy().into_owned();
    for to in [plain.conn_string(), desired.as_str()] {
        let out = schemadiff(&[
            "plan",
            "--from",
            db.conn_string(),
            "--to",
            to,
            "--exit-code",
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "plan to {to}: {}{}",
            stdout(&out),
            stderr(&out)
        );
    }

    let dump = schemadiff(&["dump", "--url", db.conn_string()]);
    assert_eq!(dump.status.code(), Some(0), "{}", stderr(&dump));
    assert!(stdout(&dump).contains("public.users"), "{}", stdout(&dump));
    for bookkeeping in ["schemadiff.", "schemadiff_backup", "SCHEMA schemadiff"] {
        assert!(!stdout(&dump).contains(bookkeeping), "{}", stdout(&dump));
    }

    pgdump::same(
        &pgdump::schema(&db).unwrap(),
        &pgdump::schema(&plain).unwrap(),
        "pg_dump of the database with backups",
    )
    .unwrap();
}
