//! `schemadiff generate` for the formats whose runner cannot run here, against golden files
//! written from each runner's documented grammar: goose and golang-migrate (Go programs; no
//! Go toolchain or binary installs from the registries), Flyway (its distribution is on Maven
//! Central, not reachable; the npm wrappers download it at run time), Prisma (`prisma`
//! downloads its schema engine at run time) and `plain` (no runner: psql). Liquibase, also
//! run for real in `generate_runners.rs`, has its files pinned here too. Besides the
//! snapshots, each format's grammar rules that make the files safe are asserted.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A concurrent index and NOT NULL through a validated check, on a table that exists.
const CASE: &str = "online__set_not_null_with_rows";

fn generate(format: &str) -> Vec<(String, String)> {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("m");
    let cases = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(CASE);
    for (name, to) in [("base", "from.sql"), ("change", "to.sql")] {
        let out = Command::new(env!("CARGO_BIN_EXE_schemadiff"))
            .args(["generate", "--format", format, "--name", name, "--dir"])
            .arg(&dir)
            .arg("--to")
            .arg(cases.join(to))
            .env("SCHEMADIFF_GENERATE_NOW", "1764603900")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "generate {format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.strip_prefix(&dir).unwrap().display().to_string();
                files.push((name, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    files.sort();
    files
}

fn golden(format: &str, files: &[(String, String)]) {
    let text: String = files
        .iter()
        .map(|(n, c)| format!("==> {n} <==\n{c}\n"))
        .collect();
    insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"), prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(format!("generate_{}", format.replace('-', "_")), text);
    });
}

/// Statements of a SQL text, roughly: lines ending in `;` outside dollar quotes.
fn statements(sql: &str) -> usize {
    let mut dollar = false;
    let mut n = 0;
    for line in sql.lines().filter(|l| !l.trim_start().starts_with("--")) {
        if line.matches("$schemadiff$").count() % 2 == 1 {
            dollar = !dollar;
        }
        if !dollar && line.trim_end().ends_with(';') {
            n += 1;
        }
    }
    n
}

#[test]
fn goose_marks_non_transactional_files_and_wraps_bodies_with_semicolons() {
    let files = generate("goose");
    for (name, text) in &files {
        let (up, _) = text.split_once("-- +goose Down").expect("a Down section");
        assert!(up.contains("-- +goose Up"), "{name}");
        assert_eq!(
            text.contains("CONCURRENTLY"),
            text.contains("-- +goose NO TRANSACTION"),
            "{name}: NO TRANSACTION exactly where a statement needs it"
        );
        if text.contains("DO $") {
            assert!(text.contains("-- +goose StatementBegin"), "{name}");
        }
    }
    assert!(files.iter().any(|(_, t)| t.contains("NO TRANSACTION")));
    golden("goose", &files);
}

#[test]
fn golang_migrate_gives_a_non_transactional_statement_its_own_file() {
    let files = generate("golang-migrate");
    assert!(
        files
            .iter()
            .all(|(n, _)| n.ends_with(".up.sql") || n.ends_with(".down.sql"))
    );
    for (name, text) in &files {
        if text.contains("CONCURRENTLY") {
            assert_eq!(statements(text), 1, "{name}: alone in its file");
        }
    }
    golden("golang-migrate", &files);
}

#[test]
fn flyway_writes_undo_files_and_script_configuration() {
    let files = generate("flyway");
    for (name, text) in &files {
        if name.ends_with(".sql") && text.contains("CONCURRENTLY") {
            let conf = format!("{name}.conf");
            let c = files.iter().find(|(n, _)| *n == conf);
            assert_eq!(
                c.map(|(_, t)| t.as_str()),
                Some("executeInTransaction=false\n"),
                "{name}"
            );
        }
    }
    assert!(files.iter().any(|(n, _)| n.starts_with('U')));
    golden("flyway", &files);
}

#[test]
fn prisma_writes_migration_folders_and_down_files_beside() {
    let files = generate("prisma");
    assert!(files.iter().any(|(n, _)| n == "migration_lock.toml"));
    for (name, text) in &files {
        if text.contains("CONCURRENTLY") {
            assert_eq!(statements(text), 1, "{name}: alone in its migration");
        }
    }
    assert_eq!(
        files
            .iter()
            .filter(|(n, _)| n.ends_with("/migration.sql"))
            .count(),
        files
            .iter()
            .filter(|(n, _)| n.ends_with("/down.sql"))
            .count()
    );
    golden("prisma", &files);
}

#[test]
fn liquibase_puts_a_non_transactional_statement_in_a_changeset_of_its_own() {
    let files = generate("liquibase");
    for (name, text) in &files {
        for changeset in text.split("--changeset ").skip(1) {
            let body: String = changeset
                .lines()
                .skip(1)
                .filter(|l| !l.starts_with("--rollback"))
                .map(|l| format!("{l}\n"))
                .collect();
            if body.contains("CONCURRENTLY") {
                assert!(
                    changeset
                        .lines()
                        .next()
                        .unwrap()
                        .contains("runInTransaction:false"),
                    "{name}"
                );
                assert_eq!(statements(&body), 1, "{name}");
            }
        }
    }
    golden("liquibase", &files);
}

#[test]
fn plain_writes_numbered_up_and_down() {
    let files = generate("plain");
    assert!(
        files
            .iter()
            .all(|(n, _)| n.ends_with("/up.sql") || n.ends_with("/down.sql"))
    );
    golden("plain", &files);
}
