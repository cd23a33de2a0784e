//! The safety model at a glance (squawk style): one plan with a change per recipe on tables
//! that have rows, rendered as a table of every statement with its phase, locks, whether it
//! runs in a transaction, its timeouts and its hazards. A reviewer reads the whole model in
//! `snapshots/safety_table.snap`; the invariants below hold for every statement.

mod common;

use common::test_db;
use schemadiff::connect::ConnectOptions;
use schemadiff::introspect::Filter;
use schemadiff::plan::{Effect, Hazard, Plan};
use schemadiff::render::duration;
use schemadiff::resolve::{Target, add_stats, catalogs};
use std::fmt::Write;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/safety")
        .join(name)
}

async fn safety_plan() -> Plan {
    let db = test_db("safety");
    db.psql_file(fixture("from.sql")).unwrap();
    db.psql_file(fixture("data.sql")).unwrap();
    let opts = ConnectOptions::parse(db.conn_string()).unwrap();
    let from = Target::Database(Box::new(opts.clone()));
    let to = Target::Files(fixture("to.sql"));
    let (a, b, hints) = catalogs(&from, &to, None, &Filter::default())
        .await
        .unwrap();
    let mut plan = schemadiff::plan::plan_with(&a, &b, Default::default(), &hints).unwrap();
    add_stats(&mut plan, &opts).await.unwrap();
    plan
}

fn table(plan: &Plan) -> String {
    let mut out = String::new();
    for step in plan.steps().filter(|s| !s.forward.is_empty()) {
        writeln!(out, "{} | {}", step.phase, step.title()).unwrap();
        for s in &step.forward {
            let locks: Vec<String> = s
                .locks
                .iter()
                .map(|l| format!("{} {}", l.mode, l.relation))
                .collect();
            let hazards: Vec<&str> = s.hazards.iter().map(|h| h.code()).collect();
            writeln!(
                out,
                "    {}\n      lock: {} | {} | {} | lock_timeout {} statement_timeout {} | hazards: {}",
                s.sql.lines().next().unwrap_or_default(),
                if locks.is_empty() { "-".to_string() } else { locks.join(", ") },
                if s.transactional { "tx" } else { "no tx" },
                s.effect().name(),
                duration(s.lock_timeout_ms),
                duration(s.statement_timeout_ms),
                if hazards.is_empty() { "-".to_string() } else { hazards.join(", ") },
            )
            .unwrap();
        }
        for note in &step.notes {
            writeln!(out, "    note: {note}").unwrap();
        }
    }
    out
}

#[tokio::test]
async fn safety_table() {
    let plan = safety_plan().await;
    insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"), prepend_module_to_snapshot => false}, {
        // Annotation locations name the fixture file: keep the snapshot free of the checkout path.
        let table = table(&plan).replace(env!("CARGO_MANIFEST_DIR"), "<repo>");
        insta::assert_snapshot!("safety_table", table);
    });

    for step in plan.steps() {
        for s in &step.forward {
            // Never a scan while writes wait, unless a hazard says so.
            let blocking = s.strongest_lock().is_some_and(|l| l.mode.blocks_writes());
            if blocking && s.effect() != Effect::Instant {
                assert!(
                    s.hazards.contains(&Hazard::LockedScan)
                        || s.hazards.contains(&Hazard::RewritesTable),
                    "{}: scans under {:?} without saying so",
                    s.sql,
                    s.strongest_lock()
                );
            }
            // Long work gets no statement_timeout; everything gets a lock_timeout.
            assert_eq!(s.lock_timeout_ms, 2_000, "{}", s.sql);
            if s.effect() != Effect::Instant {
                assert_eq!(s.statement_timeout_ms, 0, "{}", s.sql);
            }
            // What runs outside a transaction is the concurrent work, ADD VALUE, batched
            // jobs (they COMMIT between batches), a VALIDATE kept out of the ADD's
            // transaction, and the VACUUM after a backfill.
            if !s.transactional {
                assert!(
                    s.sql.contains("CONCURRENTLY")
                        || s.sql.starts_with("VACUUM ")
                        || s.sql.contains("ADD VALUE")
                        || s.sql.starts_with("DO $schemadiff$")
                        || s.sql.contains(" VALIDATE CONSTRAINT "),
                    "{}",
                    s.sql
                );
            }
            // Batched jobs never hold a lock that blocks writes.
            if s.effect() == Effect::Batched {
                assert!(!blocking, "{}", s.sql);
            }
        }
    }
    // Live statistics reach the plan for every locked table.
    let accounts = plan
        .stats
        .get("public.accounts")
        .expect("stats of public.accounts");
    assert_eq!(accounts.rows, 100.0);
    assert!(accounts.bytes > 0);
}
