//! `--owners` from the command line (tests/cli.rs is past 600 lines): off, the files'
//! `ALTER ... OWNER TO` are ignored; on (flag or schemadiff.toml), they are planned and
//! applied, and the next plan is empty.

mod common;

use common::{server, test_db};
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schemadiff"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run schemadiff")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn owners_off_ignores_owner_to_and_on_applies_it() {
    let _ = server();
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("to.sql");
    std::fs::write(
        &to,
        "CREATE TABLE t (id integer);\nALTER TABLE t OWNER TO schemadiff_reader;\n",
    )
    .unwrap();
    let to = to.to_string_lossy().into_owned();
    let db = test_db("cli_owners");
    db.psql("CREATE TABLE t (id integer);").unwrap();
    let url = db.conn_string();
    let owner = || {
        db.psql("SELECT tableowner FROM pg_tables WHERE tablename = 't'")
            .unwrap()
            .trim()
            .to_string()
    };
    let before = owner();

    // Off: nothing to do, and apply changes nothing.
    let plan = ["plan", "--from", url, "--to", &to, "--exit-code"];
    let out = run(dir.path(), &plan);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = run(dir.path(), &["apply", "--url", url, "--to", &to, "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(owner(), before);

    // On: the owner change is planned (in contract, ACCESS EXCLUSIVE on the table) ...
    let out = run(
        dir.path(),
        &[
            "plan", "--from", url, "--to", &to, "--owners", "--format", "json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps: Vec<&serde_json::Value> = json["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .collect();
    assert_eq!(steps.len(), 1, "{json:#}");
    let step = steps[0];
    assert_eq!(step["kind"], "alter-owner", "{step:#}");
    assert_eq!(step["phase"], "contract", "{step:#}");
    let statement = &step["forward"][0];
    assert_eq!(
        statement["sql"], "ALTER TABLE public.t OWNER TO schemadiff_reader",
        "{step:#}"
    );
    assert_eq!(
        statement["locks"][0]["mode"], "ACCESS_EXCLUSIVE",
        "{step:#}"
    );
    assert_eq!(statement["lock_timeout_ms"], 2000, "{step:#}");
    // ... applied ...
    let out = run(
        dir.path(),
        &[
            "apply",
            "--url",
            url,
            "--to",
            &to,
            "--owners",
            "--yes",
            "--allow-hazard",
            "all",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(owner(), "schemadiff_reader");
    // ... and then nothing is left to do, with the option from schemadiff.toml too.
    let mut owners_plan = plan.to_vec();
    owners_plan.push("--owners");
    let out = run(dir.path(), &owners_plan);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    std::fs::write(dir.path().join("schemadiff.toml"), "owners = true\n").unwrap();
    let back = dir.path().join("back.sql");
    std::fs::write(&back, "CREATE TABLE t (id integer);\n").unwrap();
    let back = back.to_string_lossy().into_owned();
    let out = run(
        dir.path(),
        &["plan", "--from", url, "--to", &back, "--format", "sql"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("ALTER TABLE public.t OWNER TO CURRENT_USER"),
        "{}",
        text(&out)
    );
}
