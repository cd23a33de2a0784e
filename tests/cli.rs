//! The CLI contract, run as a user would: exit codes, formats, located errors for bad desired
//! files, no shadow database left behind, and file order not mattering.

mod common;

use common::{server, test_db};
use std::path::Path;
use std::process::{Command, Output};

fn schemadiff(args: &[&str]) -> Output {
    schemadiff_pid(args).0
}

/// Run schemadiff; also return its pid, which names its shadow databases.
fn schemadiff_pid(args: &[&str]) -> (Output, u32) {
    let child = Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args(args)
        .env_remove("DATABASE_URL")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run schemadiff");
    let pid = child.id();
    (child.wait_with_output().expect("wait for schemadiff"), pid)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// Temporary shadow databases of the schemadiff process `pid` on the test server (tests run
/// in parallel, so each looks only at its own process's).
fn shadow_databases(pid: u32) -> String {
    let sql = format!(
        "SELECT string_agg(datname, ',') FROM pg_database WHERE datname LIKE 'schemadiff\\_shadow\\_{pid}\\_%'"
    );
    server().admin(&[&sql]).unwrap().trim().to_string()
}

/// `plan --format sql --exit-code` from `from` to `to` (plus `extra` flags): the script,
/// after checking that the plan has changes (exit code 2).
fn planned_sql(from: &str, to: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "plan",
        "--from",
        from,
        "--to",
        to,
        "--format",
        "sql",
        "--exit-code",
    ];
    args.extend_from_slice(extra);
    let out = schemadiff(&args);
    let sql = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{sql}{}", stderr(&out));
    sql
}

const FROM: &str = "CREATE TABLE users (id integer PRIMARY KEY, name text);\n";
const TO: &str = "CREATE TABLE users (id integer PRIMARY KEY, name text, email text);\n\
                  CREATE INDEX users_email_idx ON users (email);\n";

#[test]
fn plan_between_files_needs_no_server_and_sets_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let from = write(dir.path(), "from.sql", FROM);
    let to = write(dir.path(), "to.sql", TO);

    let out = schemadiff(&["plan", "--from", &from, "--to", &to]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("add-column column public.users.email"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("steps:"),
        "summary line: {}",
        stdout(&out)
    );

    let out = schemadiff(&["plan", "--from", &from, "--to", &to, "--exit-code"]);
    assert_eq!(out.status.code(), Some(2));

    let out = schemadiff(&[
        "plan",
        "--from",
        &from,
        "--to",
        &from,
        "--exit-code",
        "--format",
        "sql",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let script = stdout(&out);
    assert!(
        script
            .lines()
            .all(|l| l.starts_with("--") || l.trim().is_empty()),
        "an empty plan prints no statements: {script}"
    );
}

#[test]
fn sql_and_reverse_scripts_round_trip_with_psql() {
    let dir = tempfile::tempdir().unwrap();
    let to = write(dir.path(), "to.sql", TO);
    let db = test_db("cli_roundtrip");
    db.psql(FROM).unwrap();
    let forward = schemadiff(&[
        "plan",
        "--from",
        db.conn_string(),
        "--to",
        &to,
        "--format",
        "sql",
    ]);
    assert_eq!(forward.status.code(), Some(0), "{}", stderr(&forward));
    let reverse = schemadiff(&["plan", "--from", db.conn_string(), "--to", &to, "--reverse"]);
    let forward = stdout(&forward);
    assert!(forward.contains("CREATE INDEX CONCURRENTLY"), "{forward}");
    assert!(
        !forward.contains("BEGIN;\nCREATE INDEX CONCURRENTLY"),
        "{forward}"
    );
    db.psql(&forward).expect("forward script runs in psql");
    let again = schemadiff(&[
        "plan",
        "--from",
        db.conn_string(),
        "--to",
        &to,
        "--exit-code",
    ]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "second plan must be empty: {}",
        stdout(&again)
    );
    db.psql(&stdout(&reverse))
        .expect("reverse script runs in psql");
    let from = write(dir.path(), "from.sql", FROM);
    let (back, pid) = schemadiff_pid(&[
        "plan",
        "--from",
        db.conn_string(),
        "--to",
        &from,
        "--exit-code",
    ]);
    assert_eq!(
        back.status.code(),
        Some(0),
        "reverse must restore from: {}",
        stdout(&back)
    );
    assert_eq!(shadow_databases(pid), "", "shadow databases left behind");
}

#[test]
fn json_lists_every_step_with_sql_and_reverse() {
    let dir = tempfile::tempdir().unwrap();
    let from = write(dir.path(), "from.sql", FROM);
    let to = write(dir.path(), "to.sql", TO);
    let out = schemadiff(&["plan", "--from", &from, "--to", &to, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format_version"], 2);
    let phases: Vec<&str> = doc["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["phase"].as_str().unwrap())
        .collect();
    assert_eq!(phases, ["expand", "backfill", "contract"]);
    let steps = doc["phases"][0]["steps"].as_array().unwrap();
    let kinds: Vec<&str> = steps.iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["add-column", "create-index"]);
    let index = &steps[1]["forward"][0];
    assert_eq!(index["transactional"], false);
    assert_eq!(index["locks"][0]["mode"], "SHARE_UPDATE_EXCLUSIVE");
    assert_eq!(index["hazards"][0], "index-build");
    assert_eq!(index["lock_timeout_ms"], 2000);
    assert_eq!(steps[1]["object"]["kind"], "index");
    assert!(
        steps[0]["reverse"][0]["sql"]
            .as_str()
            .unwrap()
            .contains("DROP COLUMN email")
    );
}

#[test]
fn bad_desired_files_give_one_located_error_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = test_db("cli_bad");
    db.psql(FROM).unwrap();
    let cases = [
        (
            "syntax.sql",
            "CREATE TABLE users (id int);\nCREATE TABEL b (id int);\n",
            "syntax.sql:2:8:",
        ),
        (
            "dml.sql",
            "CREATE TABLE users (id int);\n\nINSERT INTO users VALUES (1);\n",
            "dml.sql:3:1:",
        ),
        (
            "missing.sql",
            "CREATE TABLE users (id int);\nCREATE VIEW v AS SELECT * FROM nope;\n",
            "missing.sql:2:",
        ),
        (
            "ext.sql",
            "CREATE EXTENSION no_such_extension;\n",
            "ext.sql:1:1:",
        ),
        ("drop.sql", "DROP TABLE users;\n", "drop.sql:1:1:"),
        // Desired files as people write them: what cannot be read declaratively is refused
        // where it stands.
        (
            "setting.sql",
            "CREATE TABLE users (id int);\n  SET enable_seqscan = off;\n",
            "setting.sql:2:3: SET enable_seqscan: not a setting",
        ),
        (
            "local.sql",
            "SET LOCAL search_path = app;\n",
            "local.sql:1:1: SET LOCAL:",
        ),
        (
            "role.sql",
            "SET ROLE app_owner;\n",
            "role.sql:1:1: SET role:",
        ),
        (
            "set_config.sql",
            "SELECT pg_catalog.set_config('search_path', 'app', true);\n",
            "set_config.sql:1:1: set_config('search_path', ..., true)",
        ),
        (
            "do.sql",
            "CREATE TABLE users (id int);\nDO $$ BEGIN CREATE ROLE r; CREATE TABLE t (); END $$;\n",
            "do.sql:2:1: DO: anonymous code blocks",
        ),
        (
            "connect.sql",
            "\\connect other\nCREATE TABLE users (id int);\n",
            "connect.sql:1:1: psql meta-command \\connect",
        ),
        (
            "encoding.sql",
            "SET client_encoding = 'LATIN1';\n",
            "encoding.sql:1:1: SET client_encoding: desired files are read as UTF-8",
        ),
        (
            "annotation.sql",
            "CREATE TABLE users (\n  id int,\n  -- schemadiff:rename from=name\n  full_name text\n);\n",
            "annotation.sql:3:3: schemadiff annotation: unknown annotation `rename`",
        ),
        // An object kind the model does not hold is never silently left out.
        (
            "operator.sql",
            "CREATE TABLE users (id int);\n\n  CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);\n",
            "operator.sql:3:3: CREATE OPERATOR: operators, operator classes and operator families are not managed by schemadiff; if it exists on every database this state is applied to, put `-- schemadiff:external` on the line above",
        ),
        (
            "external_args.sql",
            "-- schemadiff:external since=2024\nCREATE EXTENSION pgcrypto;\n",
            "external_args.sql:1:1: schemadiff annotation: `external` takes no arguments (found `since`)",
        ),
        (
            "constraint_annotation.sql",
            "CREATE TABLE users (\n  id int,\n  -- schemadiff:renamed from=users_pk\n  PRIMARY KEY (id)\n);\n",
            "constraint_annotation.sql:3:3: schemadiff annotation: an annotation cannot stand above a table constraint (PRIMARY)",
        ),
    ];
    let before = db
        .psql("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")
        .unwrap();
    for (name, text, location) in cases {
        let path = write(dir.path(), name, text);
        let (out, pid) = schemadiff_pid(&["plan", "--from", db.conn_string(), "--to", &path]);
        let err = stderr(&out);
        assert_eq!(
            shadow_databases(pid),
            "",
            "{name}: shadow database left behind"
        );
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.starts_with(&format!("error: {}", dir.path().join(location).display())),
            "{name}: {err}"
        );
        assert!(stdout(&out).is_empty(), "{name}: nothing on stdout");
    }
    let after = db
        .psql("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")
        .unwrap();
    assert_eq!(before, after, "the live database was changed");
}

#[test]
fn connection_errors_are_one_line_without_password() {
    for url in [
        "postgres://someone:s3cret@127.0.0.1:1/app",
        "postgres://someone:s3cret@[::1",
        "host=/nonexistent-dir port=5 password=s3cret",
    ] {
        let out = schemadiff(&["dump", "--url", url]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{url}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{url}: {err}");
        assert!(!err.contains("s3cret"), "password leaked: {err}");
    }
    let db = test_db("cli_missing");
    let missing = db.conn_string().replace(db.name(), "no_such_database_here");
    let out = schemadiff(&["dump", "--url", &missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("database \"no_such_database_here\" does not exist"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn scrambled_split_files_plan_the_same_as_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let from = write(dir.path(), "from.sql", "");
    let one = write(
        dir.path(),
        "one.sql",
        "CREATE SCHEMA app;\n\
         CREATE TYPE app.mood AS ENUM ('ok', 'sad');\n\
         CREATE TABLE app.people (id int PRIMARY KEY, mood app.mood DEFAULT 'ok');\n\
         CREATE TABLE app.pets (id int PRIMARY KEY, owner int REFERENCES app.people);\n\
         CREATE VIEW app.happy AS SELECT id FROM app.people WHERE mood = 'ok';\n\
         CREATE FUNCTION app.n() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM app.happy $$;\n",
    );
    let split = dir.path().join("split");
    write(
        &split,
        "a/views.sql",
        "CREATE VIEW app.happy AS SELECT id FROM app.people WHERE mood = 'ok';\n",
    );
    write(
        &split,
        "b.sql",
        "CREATE FUNCTION app.n() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM app.happy $$;\nCREATE TABLE app.pets (id int PRIMARY KEY, owner int REFERENCES app.people);\n",
    );
    write(
        &split,
        "c/d/tables.sql",
        "CREATE TABLE app.people (id int PRIMARY KEY, mood app.mood DEFAULT 'ok');\nCREATE TYPE app.mood AS ENUM ('ok', 'sad');\n",
    );
    write(&split, "z.sql", "CREATE SCHEMA app;\n");
    let a = schemadiff(&["plan", "--from", &from, "--to", &one, "--format", "sql"]);
    let b = schemadiff(&[
        "plan",
        "--from",
        &from,
        "--to",
        split.to_str().unwrap(),
        "--format",
        "sql",
    ]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).contains("CREATE VIEW app.happy"));
}

#[test]
fn config_file_supplies_defaults_and_flags_override() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "from.sql", FROM);
    write(dir.path(), "to.sql", TO);
    write(
        dir.path(),
        "schemadiff.toml",
        "from = \"from.sql\"\nto = \"to.sql\"\n",
    );
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_schemadiff"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run(&["plan", "--exit-code"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run(&["plan", "--to", "from.sql", "--exit-code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn ctrl_c_during_the_shadow_load_leaves_no_shadow_database() {
    let dir = tempfile::tempdir().unwrap();
    // Populating this materialized view keeps the shadow load busy for a while.
    let slow = write(
        dir.path(),
        "slow.sql",
        "CREATE TABLE users (id integer PRIMARY KEY);\n\
         CREATE MATERIALIZED VIEW slow AS SELECT 1 AS one FROM pg_sleep(20);\n",
    );
    let db = test_db("cli_interrupt");
    db.psql(FROM).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args(["plan", "--from", db.conn_string(), "--to", &slow])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the shadow database exists, then interrupt as a terminal's Ctrl-C would.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while shadow_databases(child.id()).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "no shadow database appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let pid = child.id();
    let status = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = std::time::Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(started.elapsed().as_secs() < 15, "did not stop promptly");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
    assert_eq!(
        shadow_databases(pid),
        "",
        "shadow database left behind after Ctrl-C"
    );
}

/// A change that has all three kinds of step on a table with rows: additive (expand), a
/// validation (contract) and a denied-by-default hazard (the dropped column).
const PHASED_FROM: &str = "CREATE TABLE users (id integer PRIMARY KEY, name text, legacy text);\n\
                           INSERT INTO users VALUES (1, 'a', 'x');\n";
const PHASED_TO: &str = "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text,\n\
                         CONSTRAINT name_short CHECK (length(name) < 100));\n\
                         CREATE INDEX users_email_idx ON users (email);\n";

#[test]
fn phases_run_alone_in_order_and_saved_plans_render_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let to = write(dir.path(), "to.sql", PHASED_TO);
    let db = test_db("cli_phases");
    db.psql(PHASED_FROM).unwrap();
    let url = db.conn_string();

    // The saved plan renders byte-identical scripts, for every phase and both directions.
    let json = dir.path().join("plan.json");
    let json_s = json.to_string_lossy().into_owned();
    let saved = schemadiff(&[
        "plan", "--from", url, "--to", &to, "--format", "json", "--out", &json_s,
    ]);
    assert_eq!(saved.status.code(), Some(0), "{}", stderr(&saved));
    assert!(stdout(&saved).is_empty(), "--out writes nothing to stdout");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["format_version"], 2);
    assert_eq!(doc["phases"][0]["phase"], "expand");
    assert_eq!(doc["from_fingerprint"].as_str().unwrap().len(), 64);
    assert!(
        doc["stats"]["public.users"]["bytes"].as_i64().unwrap() > 0,
        "{doc}"
    );
    for phase in [None, Some("expand"), Some("backfill"), Some("contract")] {
        for reverse in [false, true] {
            let mut live: Vec<&str> = vec!["plan", "--from", url, "--to", &to, "--format", "sql"];
            let mut loaded: Vec<&str> = vec!["plan", "--plan", &json_s, "--format", "sql"];
            for args in [&mut live, &mut loaded] {
                if let Some(p) = phase {
                    args.extend(["--phase", p]);
                }
                if reverse {
                    args.push("--reverse");
                }
            }
            let (a, b) = (schemadiff(&live), schemadiff(&loaded));
            assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
            assert_eq!(stdout(&a), stdout(&b), "{phase:?} reverse={reverse}");
        }
    }

    // Each phase is a script of its own; applied in order they converge.
    let phase_sql = |p: &str| {
        let out = schemadiff(&["plan", "--plan", &json_s, "--format", "sql", "--phase", p]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let expand = phase_sql("expand");
    assert!(expand.contains("SET lock_timeout = '2s';"), "{expand}");
    assert!(expand.contains("NOT VALID;"), "{expand}");
    assert!(
        !expand.contains("VALIDATE"),
        "validation is contract's: {expand}"
    );
    assert!(!expand.contains("DROP COLUMN"), "{expand}");
    db.psql(&expand).unwrap();
    // The old code's query still works after expand.
    db.psql("SELECT id, name, legacy FROM users").unwrap();
    let contract = phase_sql("contract");
    assert!(
        contract.contains("VALIDATE CONSTRAINT name_short;"),
        "{contract}"
    );
    assert!(contract.contains("DROP COLUMN legacy"), "{contract}");
    db.psql(&contract).unwrap();
    let again = schemadiff(&["plan", "--from", url, "--to", &to, "--exit-code"]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));

    // A stale or foreign file is refused with a clear message.
    let bad = write(dir.path(), "bad.json", "{\"format_version\": 1}");
    let out = schemadiff(&["plan", "--plan", &bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("format version 1"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hazard_gate_markdown_and_lock_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let to = write(dir.path(), "to.sql", PHASED_TO);
    let db = test_db("cli_gate");
    db.psql(PHASED_FROM).unwrap();
    let url = db.conn_string();

    // The dropped column's values are kept in a backup: nothing deletes data...
    let out = schemadiff(&[
        "plan",
        "--from",
        url,
        "--to",
        &to,
        "--deny-hazard",
        "deletes-data",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // ...unless backups are turned off.
    let out = schemadiff(&[
        "plan",
        "--from",
        url,
        "--to",
        &to,
        "--no-backup",
        "--deny-hazard",
        "deletes-data",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("denied hazard"), "{err}");
    assert!(
        err.contains("drop-column column public.users.legacy"),
        "{err}"
    );
    assert!(err.contains("DROP COLUMN legacy"), "{err}");
    // Only the phases shown are gated: expand has no deletes.
    let out = schemadiff(&[
        "plan",
        "--from",
        url,
        "--to",
        &to,
        "--phase",
        "expand",
        "--deny-hazard",
        "dangerous",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = schemadiff(&[
        "plan",
        "--from",
        url,
        "--to",
        &to,
        "--deny-hazard",
        "no-such-hazard",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown hazard"), "{}", stderr(&out));

    let md = schemadiff(&["plan", "--from", url, "--to", &to, "--format", "markdown"]);
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    let md = stdout(&md);
    assert!(md.contains("### expand"), "{md}");
    assert!(
        md.contains("| # | step | statement | lock | impact | hazards |"),
        "{md}"
    );
    assert!(md.contains("ACCESS EXCLUSIVE on public.users"), "{md}");
    assert!(
        md.contains("<details><summary>SQL of contract</summary>"),
        "{md}"
    );

    let text = schemadiff(&["plan", "--from", url, "--to", &to]);
    let text = stdout(&text);
    assert!(text.contains("== expand: run before"), "{text}");
    assert!(
        text.contains("SHARE UPDATE EXCLUSIVE on public.users"),
        "{text}"
    );
    assert!(text.contains("largest scan: public.users"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colors when not on a terminal: {text}"
    );

    let sql = schemadiff(&[
        "plan",
        "--from",
        url,
        "--to",
        &to,
        "--format",
        "sql",
        "--lock-timeout",
        "750ms",
    ]);
    assert!(
        stdout(&sql).contains("SET lock_timeout = '750ms';"),
        "{}",
        stdout(&sql)
    );
    let bad = schemadiff(&["plan", "--from", url, "--to", &to, "--lock-timeout", "soon"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("not a duration"), "{}", stderr(&bad));
}

#[test]
fn completions_and_help_with_examples() {
    for shell in ["bash", "zsh", "fish"] {
        let out = schemadiff(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out).contains("schemadiff"), "{shell}");
    }
    let help = schemadiff(&["plan", "--help"]);
    assert!(stdout(&help).contains("Examples:"), "{}", stdout(&help));
    assert!(stdout(&help).contains("--deny-hazard"), "{}", stdout(&help));
}

/// A leading `SET search_path` in a hand-written file changes where its unqualified names
/// are created and found; nothing lands in `public`.
#[test]
fn leading_search_path_places_unqualified_names() {
    let db = test_db("cli_search_path");
    db.psql("CREATE SCHEMA app; CREATE TABLE app.users (id integer PRIMARY KEY);")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let to = write(
        dir.path(),
        "to.sql",
        "SET search_path = app, public;\n\
         CREATE VIEW user_ids AS SELECT id FROM users;\n\
         CREATE TABLE users (id integer PRIMARY KEY, email text);\n\
         CREATE SCHEMA app;\n",
    );
    let sql = planned_sql(db.conn_string(), &to, &[]);
    assert!(
        sql.contains("ALTER TABLE app.users ADD COLUMN email text"),
        "{sql}"
    );
    assert!(sql.contains("CREATE VIEW app.user_ids AS"), "{sql}");
    assert!(!sql.contains("public."), "{sql}");
}

/// A DO block that creates roles if they are missing is skipped with a warning; the rest of
/// the file is the desired state as usual.
#[test]
fn role_creating_do_block_is_skipped_with_a_warning() {
    let db = test_db("cli_do_roles");
    db.psql(FROM).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let to = write(
        dir.path(),
        "to.sql",
        &format!(
            "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'sd_cli_app') THEN\n    CREATE ROLE sd_cli_app LOGIN;\n  END IF;\nEND\n$$;\n\
             ALTER TABLE users OWNER TO sd_cli_app;\n{FROM}"
        ),
    );
    let out = schemadiff(&[
        "plan",
        "--from",
        db.conn_string(),
        "--to",
        &to,
        "--exit-code",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{}{err}", stdout(&out));
    assert_eq!(
        err,
        format!(
            "warning: {to}:1:1: DO block skipped: it creates roles, which are cluster-wide and not managed by schemadiff; create them outside the desired state\n"
        )
    );
    let roles = server()
        .admin(&["SELECT count(*) FROM pg_roles WHERE rolname = 'sd_cli_app'"])
        .unwrap();
    assert_eq!(roles.trim(), "0", "the block must not run");
}

/// `-- schemadiff:external`: an unmanaged kind (a text search configuration) and an
/// extension installed by someone else are loaded into the shadow for the statements that
/// use them, and never created, changed or dropped.
#[test]
fn external_statements_are_loaded_but_never_planned() {
    let db = test_db("cli_external");
    db.psql(
        "CREATE EXTENSION pgcrypto;\n\
         CREATE TEXT SEARCH CONFIGURATION public.plain (COPY = pg_catalog.simple);\n\
         CREATE TABLE docs (id integer PRIMARY KEY, body text);\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let to = write(
        dir.path(),
        "to.sql",
        "-- schemadiff:external\n\
         CREATE TEXT SEARCH CONFIGURATION public.plain (COPY = pg_catalog.english);\n\
         -- schemadiff:external\n\
         CREATE EXTENSION pgcrypto;\n\
         CREATE TABLE docs (id integer PRIMARY KEY, body text,\n\
           token bytea DEFAULT gen_random_bytes(16));\n\
         CREATE INDEX docs_body_idx ON docs USING gin (to_tsvector('public.plain', body));\n",
    );
    let sql = planned_sql(db.conn_string(), &to, &[]);
    assert!(sql.contains("ADD COLUMN token bytea"), "{sql}");
    assert!(
        sql.contains("CREATE INDEX CONCURRENTLY docs_body_idx"),
        "{sql}"
    );
    assert!(
        !sql.contains("EXTENSION"),
        "the extension is not planned: {sql}"
    );
    assert!(
        !sql.contains("TEXT SEARCH"),
        "the configuration is not planned: {sql}"
    );

    // A managed kind declared external (a table another tool owns) is not diffed either:
    // the file's idea of it differs from the live one, and nothing about it is planned.
    db.psql(
        "CREATE TABLE legacy (id integer, kept text);\n\
         CREATE PUBLICATION feed FOR TABLE docs;",
    )
    .unwrap();
    let only = write(
        dir.path(),
        "only.sql",
        "-- schemadiff:external\nCREATE EXTENSION pgcrypto;\n\
         -- schemadiff:external\n\
         CREATE TEXT SEARCH CONFIGURATION public.plain (COPY = pg_catalog.simple);\n\
         -- schemadiff:external\n\
         CREATE TABLE legacy (id bigint);\n\
         -- schemadiff:external\n\
         CREATE PUBLICATION feed FOR TABLE legacy WITH (publish = 'insert');\n\
         CREATE TABLE docs (id integer PRIMARY KEY, body text);\n",
    );
    let out = schemadiff(&[
        "plan",
        "--from",
        db.conn_string(),
        "--to",
        &only,
        "--exit-code",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// With `--schema`, what the desired files use outside the managed schemas (a shared
/// schema's table, an extension installed there) is copied from the live side into the
/// shadow, and never diffed or dropped.
#[test]
fn objects_outside_the_managed_schemas_are_available_to_the_desired_state() {
    let db = test_db("cli_scope");
    db.psql(
        "CREATE SCHEMA shared;\n\
         CREATE EXTENSION citext SCHEMA shared;\n\
         CREATE TABLE shared.users (id integer PRIMARY KEY, email shared.citext);\n\
         CREATE VIEW shared.active AS SELECT id FROM shared.users;\n\
         CREATE TABLE public.orders (id integer PRIMARY KEY);\n\
         CREATE PUBLICATION shared_feed FOR TABLE shared.users;\n\
         CREATE FUNCTION shared.no_views() RETURNS event_trigger LANGUAGE plpgsql AS\n\
           $$ BEGIN RAISE EXCEPTION 'no views here'; END $$;\n",
    )
    .unwrap();
    // Database-wide objects are not copied with an outside schema: this event trigger (its
    // function in `shared`) would stop the desired files' CREATE VIEW in the shadow.
    db.psql(
        "CREATE EVENT TRIGGER no_views ON ddl_command_start WHEN TAG IN ('CREATE VIEW')\n\
           EXECUTE FUNCTION shared.no_views();\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let to = write(
        dir.path(),
        "to.sql",
        "CREATE TABLE public.orders (id integer PRIMARY KEY,\n\
           user_id integer REFERENCES shared.users (id),\n\
           note shared.citext);\n\
         CREATE VIEW public.order_users AS\n\
           SELECT o.id FROM public.orders o JOIN shared.active a ON a.id = o.user_id;\n",
    );
    let sql = planned_sql(db.conn_string(), &to, &["--schema", "public"]);
    assert!(sql.contains("ADD COLUMN user_id integer"), "{sql}");
    assert!(sql.contains("REFERENCES shared.users(id)"), "{sql}");
    assert!(sql.contains("CREATE VIEW public.order_users"), "{sql}");
    assert!(
        !sql.contains("DROP"),
        "nothing outside the scope is dropped: {sql}"
    );
    assert!(!sql.contains("CREATE TABLE shared"), "{sql}");

    // The same scope said the other way round.
    let other = planned_sql(db.conn_string(), &to, &["--exclude-schema", "shared"]);
    assert_eq!(
        other, sql,
        "--exclude-schema shared plans as --schema public"
    );

    // A publication of all tables belongs to the whole database: a plan of the schemas
    // `--schema` lists leaves it alone (the files need not declare it).
    db.psql("CREATE PUBLICATION everything FOR ALL TABLES;")
        .unwrap();
    let scoped = planned_sql(db.conn_string(), &to, &["--schema", "public"]);
    assert!(!scoped.contains("PUBLICATION"), "{scoped}");

    // A publication with members in and outside the scope, which the files do not declare,
    // is not the scoped plan's to drop: it loses its members in scope only.
    db.psql("CREATE PUBLICATION mixed FOR TABLE shared.users, public.orders;")
        .unwrap();
    let scoped = planned_sql(db.conn_string(), &to, &["--schema", "public"]);
    assert!(
        scoped.contains("ALTER PUBLICATION mixed DROP TABLE ONLY public.orders"),
        "{scoped}"
    );
    assert!(!scoped.contains("DROP PUBLICATION"), "{scoped}");
    assert!(!scoped.contains("TABLE ONLY shared.users"), "{scoped}");

    // Without a scope, the shared schema is part of the desired state, which lacks it: the
    // file cannot be loaded, and the error says where.
    let out = schemadiff(&["plan", "--from", db.conn_string(), "--to", &to]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("to.sql:"), "{}", stderr(&out));
}
