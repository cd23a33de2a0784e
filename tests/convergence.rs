//! The convergence loop (DESIGN "Tests"), for every case in `tests/cases/<name>/`:
//! load `from.sql` (+ `data.sql`) into a database; plan it to `to.sql` the way the CLI does
//! (shadow database on the same server); apply the phases' scripts with psql one by one
//! (after expand, every table, column, view and function of `from` must still be there, and
//! expand's reverse alone must restore `from`); the catalog must equal `to`'s; a second plan
//! must be empty; apply the phases' reverse scripts, last phase first; the catalog must equal
//! `from`'s; rows of columns the change keeps must be unchanged.
//!
//! A second, independent oracle checks the same two moments: the normalized
//! `pg_dump --schema-only` of the migrated database must equal that of the database loaded
//! from `to.sql`, and after the reverse that of the `from` database dumped before migrating
//! (`common::pgdump`). It sees what our model does not hold.
//!
//! A case with an `expect-error` file is one schemadiff must refuse: planning must fail with
//! an error containing that file's text, and nothing is applied.
//!
//! A case with a `known-gap` file is a migration schemadiff does not converge on yet; the
//! file says why. It still runs and is reported (and flagged when it starts to pass), but
//! it does not fail the suite.
//!
//! A case with a `min-version` file (a major, e.g. `15`) uses syntax older servers lack: it is
//! skipped there (scripts/test-matrix.sh runs the suite on PostgreSQL 13 to 18). A case with a
//! `needs` file (server features, one a line; only `lz4` so far) is skipped on a server built
//! without them.
//!
//! `SCHEMADIFF_CASES=substring` runs only the matching cases; `SCHEMADIFF_CASES_DIR=dir` runs
//! the cases of another directory instead of `tests/cases`. The databases (case, `to`, the
//! planner's shadow) are reused after a verified reset (`common::pool`; `SCHEMADIFF_POOL=0`
//! for fresh ones); `SCHEMADIFF_TIMING=1` prints where the time went; `SCHEMADIFF_WORKERS`
//! sets the number of workers (two per core by default).

mod common;

use common::converge::{parallel, run_case};
use common::{pool, timing};
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    // `SCHEMADIFF_CASES_DIR`: another corpus laid out the same way (schema pairs kept outside
    // the project, e.g. ones made from an application's migration history).
    let root = std::env::var_os("SCHEMADIFF_CASES_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases"),
        PathBuf::from,
    );
    let filter = std::env::var("SCHEMADIFF_CASES").unwrap_or_default();
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("the cases directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("to.sql").exists())
        // Several substrings may be given, separated by `|`.
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            filter.split('|').any(|f| name.contains(f))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_case_converges() {
    let started = std::time::Instant::now();
    let cases = cases();
    assert!(!cases.is_empty(), "no cases found under tests/cases");
    let results = parallel(cases.clone(), |rt, case| {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let result = {
            let _t = timing::span("case");
            rt.block_on(run_case(&case))
        };
        let gap = std::fs::read_to_string(case.join("known-gap")).ok();
        (name, result, gap)
    });
    let mut failures = Vec::<(String, String)>::new();
    let mut gaps = Vec::<String>::new();
    let mut fixed = Vec::<String>::new();
    for (name, result, gap) in results {
        match (result, gap) {
            (Err(e), None) => failures.push((name, e)),
            (Err(_), Some(why)) => gaps.push(format!("{name}: {}", why.trim())),
            (Ok(()), Some(_)) => fixed.push(name),
            (Ok(()), None) => {}
        }
    }
    failures.sort();
    for (name, e) in &failures {
        eprintln!("=== FAILED {name}\n{e}\n");
    }
    gaps.sort();
    for g in &gaps {
        eprintln!("known gap: {g}");
    }
    fixed.sort();
    for name in fixed {
        eprintln!("known gap now converges (remove its known-gap file): {name}");
    }
    pool::drain();
    timing::report(started.elapsed());
    let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
    eprintln!(
        "convergence: {} passed, {} failed, {} known gaps",
        cases.len() - failures.len() - gaps.len(),
        failures.len(),
        gaps.len()
    );
    if !names.is_empty() {
        eprintln!("failed cases: {}", names.join(" "));
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases did not converge",
        failures.len(),
        cases.len()
    );
}
