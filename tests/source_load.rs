//! Loading desired-state files into a real PostgreSQL: ordering plus `load` must build a
//! scrambled schema, and failures must point at file:line:column.

use schemadiff::source::{LoadError, load, order, read_desired};
use std::path::Path;
use std::process::Command;

const BIN: &str = "/usr/lib/postgresql/15/bin";

/// A throwaway cluster on a Unix socket, stopped on drop. Private to this test file until
/// the shared test harness exists.
struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
}

fn as_postgres(args: &[&str]) -> std::process::Output {
    Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .args(args)
        .output()
        .expect("runuser")
}

impl Cluster {
    fn start() -> Cluster {
        let dir = tempfile::Builder::new()
            .prefix("sd-source-")
            .tempdir()
            .unwrap();
        let status = Command::new("chown")
            .args(["postgres", dir.path().to_str().unwrap()])
            .status()
            .unwrap();
        assert!(status.success());
        let data = dir.path().join("data");
        let out = as_postgres(&[
            &format!("{BIN}/initdb"),
            "-D",
            data.to_str().unwrap(),
            "-U",
            "postgres",
            "--no-sync",
            "-A",
            "trust",
        ]);
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // A port of our own in 20000..60000, retried if taken.
        let base = 20000 + (std::process::id() % 39000) as u16;
        for port in base..base + 20 {
            let opts = format!(
                "-c listen_addresses='' -k {} -p {port} -c fsync=off",
                dir.path().display()
            );
            let out = as_postgres(&[
                &format!("{BIN}/pg_ctl"),
                "-D",
                data.to_str().unwrap(),
                "-o",
                &opts,
                "-l",
                dir.path().join("log").to_str().unwrap(),
                "-w",
                "start",
            ]);
            if out.status.success() {
                return Cluster { dir, port };
            }
        }
        panic!("could not start a PostgreSQL cluster");
    }

    async fn connect(&self, db: &str) -> tokio_postgres::Client {
        let config = format!(
            "host={} port={} user=postgres dbname={db}",
            self.dir.path().display(),
            self.port
        );
        let (client, conn) = tokio_postgres::connect(&config, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
    }

    /// A fresh database for one case.
    async fn database(&self, name: &str) -> tokio_postgres::Client {
        let admin = self.connect("postgres").await;
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        self.connect(name).await
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        as_postgres(&[
            &format!("{BIN}/pg_ctl"),
            "-D",
            data.to_str().unwrap(),
            "-m",
            "immediate",
            "stop",
        ]);
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Read, order and load one directory of files.
async fn load_files(
    client: &tokio_postgres::Client,
    files: &[(&str, &str)],
) -> (tempfile::TempDir, Result<(), LoadError>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    let stmts = order(read_desired(dir.path()).unwrap()).unwrap();
    let result = load(client, &stmts).await;
    (dir, result)
}

async fn scrambled_schema_loads(cluster: &Cluster) {
    let client = cluster.database("scrambled").await;
    let (_dir, result) = load_files(
        &client,
        &[
            (
                "a_views.sql",
                "-- views first, on purpose\n\
                 create view app.active_orders as\n  select o.id, app.order_total(o.id) as total from app.orders o where o.state <> 'done';\n\
                 comment on view app.active_orders is 'orders in flight';\n",
            ),
            (
                "b/functions.sql",
                "create function app.order_total(order_id bigint) returns numeric\n\
                 language sql stable\n\
                 begin atomic\n  select coalesce(sum(i.price), 0) from app.items i where i.order_id = order_total.order_id;\nend;\n\
                 create function app.touch() returns trigger language plpgsql as $$\nbegin new.updated := now(); return new; end;\n$$;\n\
                 create trigger orders_touch before update on app.orders for each row execute function app.touch();\n",
            ),
            (
                "c_tables.sql",
                "create table app.items (id bigserial primary key, order_id bigint not null references app.orders (id), price numeric not null, note app.short_text);\n\
                 create index items_order on app.items (order_id);\n\
                 create table app.orders (id bigint primary key default nextval('app.order_ids'), state app.order_state not null, email citext, updated timestamptz);\n\
                 create sequence app.order_ids;\n",
            ),
            (
                "d_types.sql",
                "create domain app.short_text as text check (length(value) < 100);\n\
                 create type app.order_state as enum ('new', 'done');\n\
                 create extension citext;\n\
                 create schema app;\n",
            ),
        ],
    )
    .await;
    result.unwrap();
    let row = client
        .query_one(
            "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace \
             where n.nspname = 'app' and c.relname in ('orders', 'items', 'active_orders', 'items_order', 'order_ids')",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, i64>(0), 5);
    let row = client
        .query_one(
            "select count(*) from pg_trigger where tgname = 'orders_touch'",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, i64>(0), 1);
}

async fn syntax_error_is_located(cluster: &Cluster) {
    let client = cluster.database("syntax").await;
    let (dir, result) = load_files(
        &client,
        &[(
            "s.sql",
            "create table a (x int);\n\ncreate table b (\n  y int,,\n  z int\n);\n",
        )],
    )
    .await;
    let err = result.unwrap_err();
    assert_eq!(err.code.as_deref(), Some("42601"));
    assert_eq!(
        err.to_string(),
        format!(
            "{}/s.sql:4:9: syntax error at or near \",\"",
            dir.path().display()
        )
    );
}

async fn missing_table_is_located(cluster: &Cluster) {
    let client = cluster.database("missing").await;
    let (dir, result) = load_files(
        &client,
        &[(
            "m.sql",
            "create table a (x int);\ncreate view v as\n  select x from a join nosuch on true;\n",
        )],
    )
    .await;
    let err = result.unwrap_err();
    assert_eq!(err.code.as_deref(), Some("42P01"));
    assert_eq!(
        err.to_string(),
        format!(
            "{}/m.sql:3:24: relation \"nosuch\" does not exist",
            dir.path().display()
        )
    );
}

async fn unknown_extension_is_located(cluster: &Cluster) {
    let client = cluster.database("unknown_ext").await;
    let (dir, result) = load_files(
        &client,
        &[("e.sql", "\n  create extension no_such_extension_x;\n")],
    )
    .await;
    let err = result.unwrap_err().to_string();
    let prefix = format!("{}/e.sql:2:3: ", dir.path().display());
    assert!(err.starts_with(&prefix), "{err}");
    assert!(err.contains("no_such_extension_x"), "{err}");
    // The server's DETAIL and HINT come along on their own lines.
    assert!(
        err.contains("\nDETAIL: Could not open extension control file"),
        "{err}"
    );
    assert!(err.contains("\nHINT: "), "{err}");
}

async fn missed_dependencies_are_retried(cluster: &Cluster) {
    let client = cluster.database("retry").await;
    let dir = tempfile::tempdir().unwrap();
    // Read in file order but not ordered: load alone must cope by deferring.
    write(
        dir.path(),
        "r.sql",
        "create view v as select * from t;\ncreate index ti on t (x);\ncreate table t (x int);\n",
    );
    let stmts = read_desired(dir.path()).unwrap();
    load(&client, &stmts).await.unwrap();
    let row = client
        .query_one(
            "select count(*) from pg_class where relname in ('v', 't', 'ti')",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, i64>(0), 3);
}

/// An event trigger that raises on every DDL command is loaded after everything else (a
/// missed dependency's retry included), so it cannot stop the load: the desired state is
/// the trigger *and* the tables, whatever order the files put them in.
async fn event_triggers_load_last(cluster: &Cluster) {
    let client = cluster.database("evt").await;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "e.sql",
        "create function no_ddl() returns event_trigger language plpgsql as \
         $$ begin raise exception 'no DDL: %', tg_tag; end $$;\n\
         create event trigger freeze_all on ddl_command_start execute function no_ddl();\n\
         alter event trigger freeze_all enable always;\n\
         comment on event trigger freeze_all is 'no DDL';\n\
         create view v as select * from t;\n\
         create table t (x int);\n",
    );
    let stmts = read_desired(dir.path()).unwrap();
    load(&client, &stmts).await.unwrap();
    let row = client
        .query_one(
            "select (select count(*) from pg_class where relname in ('v', 't')), \
             (select evtenabled::text from pg_event_trigger where evtname = 'freeze_all')",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, i64>(0), 2);
    assert_eq!(row.get::<_, String>(1), "A");
    client
        .batch_execute("drop event trigger freeze_all")
        .await
        .unwrap();
}

/// A file may set `default_table_access_method` to an access method it creates below the
/// `SET` (and another file may use one `USING` before it is made): access methods are made
/// first, without that setting, so switching to it does not fail. Found when
/// `SET default_table_access_method = heap2` above `CREATE ACCESS METHOD heap2` stopped the
/// load with "Table access method does not exist".
async fn access_methods_load_before_the_settings_naming_them(cluster: &Cluster) {
    let client = cluster.database("am").await;
    let (_dir, result) = load_files(
        &client,
        &[
            (
                "a.sql",
                "SET default_table_access_method = heap2;
                 CREATE TABLE items (id int);
                 CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
                 COMMENT ON ACCESS METHOD heap2 IS 'renamed heap';
",
            ),
            (
                "b.sql",
                "CREATE TABLE other (id int) USING heap3;
                 CREATE ACCESS METHOD heap3 TYPE TABLE HANDLER heap_tableam_handler;
",
            ),
        ],
    )
    .await;
    result.unwrap();
    let rows = client
        .query(
            "SELECT c.relname::text, a.amname::text FROM pg_class c JOIN pg_am a ON a.oid = c.relam              WHERE c.relname IN ('items', 'other') ORDER BY 1",
            &[],
        )
        .await
        .unwrap();
    let got: Vec<(String, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(
        got,
        [
            ("items".to_string(), "heap2".to_string()),
            ("other".to_string(), "heap3".to_string())
        ]
    );
}

/// A `SET search_path` holds for the statements after it in its file, wherever ordering
/// puts them: each runs with its own file position's path, and the session is reset after.
async fn search_path_follows_statements_through_ordering(cluster: &Cluster) {
    let client = cluster.database("search_path").await;
    let (_dir, result) = load_files(
        &client,
        &[
            (
                "a.sql",
                "SET search_path = app, public;
                 create view v as select * from t;
                 create table t (x int);
                 SET search_path TO public;
                 create table t (y int);
                 create schema app;
",
            ),
            // Another file starts from the default path again.
            (
                "b.sql",
                "create view w as select * from t;
",
            ),
        ],
    )
    .await;
    result.unwrap();
    let rows = client
        .query(
            "select table_schema || '.' || table_name || '.' || column_name from information_schema.columns              where table_schema in ('app', 'public') order by 1",
            &[],
        )
        .await
        .unwrap();
    let columns: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    assert_eq!(columns, ["app.t.x", "app.v.x", "public.t.y", "public.w.y"]);
    let path: String = client
        .query_one("show search_path", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(path, "\"$user\", public");
}

/// A setting PostgreSQL refuses is reported at the `SET` that made it.
async fn bad_setting_is_located_at_its_set(cluster: &Cluster) {
    let client = cluster.database("bad_setting").await;
    let (dir, result) = load_files(
        &client,
        &[(
            "s.sql",
            "create table a (x int);
  SET default_tablespace = 'no_such_space';
create table b (x int);
",
        )],
    )
    .await;
    let err = result.unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{}/s.sql:2:3: ", dir.path().display())),
        "{err}"
    );
    assert!(err.contains("no_such_space"), "{err}");
}

/// A role-creating DO block is not run: the shadow must not create cluster-wide roles.
async fn role_blocks_are_not_run(cluster: &Cluster) {
    let client = cluster.database("role_block").await;
    let (_dir, result) = load_files(
        &client,
        &[(
            "r.sql",
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sd_block_role') THEN CREATE ROLE sd_block_role; END IF; END $$;
             create table t (x int);
ALTER TABLE t OWNER TO sd_no_such_owner;
",
        )],
    )
    .await;
    result.unwrap();
    let n: i64 = client
        .query_one(
            "select count(*) from pg_roles where rolname = 'sd_block_role'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loading_desired_state_into_postgres() {
    let cluster = Cluster::start();
    scrambled_schema_loads(&cluster).await;
    syntax_error_is_located(&cluster).await;
    missing_table_is_located(&cluster).await;
    unknown_extension_is_located(&cluster).await;
    missed_dependencies_are_retried(&cluster).await;
    event_triggers_load_last(&cluster).await;
    access_methods_load_before_the_settings_naming_them(&cluster).await;
    search_path_follows_statements_through_ordering(&cluster).await;
    bad_setting_is_located_at_its_set(&cluster).await;
    role_blocks_are_not_run(&cluster).await;
}

#[path = "../examples/fuzz/harness/mod.rs"]
#[allow(dead_code)]
mod fuzz;

/// A short fixed-seed run of the hostile-input harness (`cargo run --release --example fuzz
/// -- --iterations 1000000` runs the long one): mutated real SQL and connection strings, no
/// panic, every error about file content located inside the input.
#[test]
fn hostile_input_fixed_seed() {
    let corpus = fuzz::corpus(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(corpus.len() > 100, "corpus of {} files", corpus.len());
    let report = fuzz::run(2026, 1_500, corpus);
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| format!("{} {}: {}", f.iteration, f.target, f.message))
        .collect();
    assert_eq!((report.panics, report.violations), (0, 0), "{failures:#?}");
    // The inputs reach the lexer's, the classifier's and the annotation parser's errors,
    // whole statement lists, and both ways out of the connection-string parser.
    for outcome in [
        "Statements",
        "Lex",
        "Rejected",
        "Annotation",
        "ConnOk",
        "ConnErr",
    ] {
        assert!(
            report.outcomes.get(outcome).is_some_and(|&n| n > 0),
            "no {outcome} in {:?}",
            report.outcomes
        );
    }
}
