//! Generated schema pairs through the convergence loop (docs/design.md "Tests").
//!
//! Pair `s` is schema A generated from seed `s` (tests/generated_pairs/schema.rs, tables.rs)
//! and B, A with random edits (edits.rs). Each pair runs in four directions — empty→A,
//! A→empty, A→B, B→A — through the same loop as the corpus (`common::converge::run_case`:
//! both oracles, our catalog and normalized pg_dump).
//!
//! `SCHEMADIFF_PAIRS=N` (default 30) pairs with seeds `SCHEMADIFF_PAIRS_SEED` (default 1)
//! and on; `SCHEMADIFF_SHRINK=K` runs of the shrinker per failure (default 60, 0: none).
//! A failure prints its seed and direction; `target/tmp/generated-pairs/<seed>-<direction>/`
//! keeps its from.sql, to.sql and error.txt, and `.../<seed>-<direction>-shrunk/` the
//! smallest failing case found (`SCHEMADIFF_PAIRS_KEEP=1` keeps passing cases too). `SCHEMADIFF_PAIRS=1 SCHEMADIFF_PAIRS_SEED=<seed>` reruns one
//! pair; `SCHEMADIFF_PAIRS_SEEDS=4,9` and `SCHEMADIFF_PAIRS_DIRS=a-b,b-a` choose seeds and
//! directions.

mod common;

#[path = "generated_pairs/edits.rs"]
mod edits;
#[path = "generated_pairs/edits_kinds.rs"]
mod edits_kinds;
#[path = "generated_pairs/kinds.rs"]
mod kinds;
#[path = "generated_pairs/model.rs"]
mod model;
#[path = "generated_pairs/relations.rs"]
mod relations;
#[path = "generated_pairs/schema.rs"]
mod schema;
#[path = "generated_pairs/shrink.rs"]
mod shrink;
#[path = "generated_pairs/table_opts.rs"]
mod table_opts;
#[path = "generated_pairs/tables.rs"]
mod tables;

use common::converge::{parallel, run_case};
use common::{pool, timing};
use model::{Db, render};
use shrink::Dir;
use std::path::{Path, PathBuf};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Pair `seed`: (A, B).
fn pair(seed: u64) -> (Db, Db) {
    let a = schema::generate(seed);
    let b = edits::edit(&a, seed);
    (a, b)
}

fn out_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-pairs")
}

/// Write a case directory for (from, to).
fn write_case(dir: &Path, from: &Db, to: &Db) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("from.sql"), render(from)).unwrap();
    std::fs::write(dir.join("to.sql"), render(to)).unwrap();
}

/// A failure worth shrinking towards: not a case that no longer loads (the shrinker removed
/// something a statement needed).
fn real_failure(e: &str) -> bool {
    !e.starts_with("loading ")
}

fn run(rt: &tokio::runtime::Runtime, dir: &Path, from: &Db, to: &Db) -> Result<(), String> {
    write_case(dir, from, to);
    rt.block_on(run_case(dir))
}

#[test]
fn generated_pairs_converge() {
    let started = std::time::Instant::now();
    // 30: the pairs grew by a third with the kinds of sessions 7 and 8
    // (docs/generated-pairs.md, "Measured"); 30 of them take what 40 took before.
    let n = env_num("SCHEMADIFF_PAIRS", 30);
    let first = env_num("SCHEMADIFF_PAIRS_SEED", 1);
    let budget = env_num("SCHEMADIFF_SHRINK", 60) as usize;
    let out = out_dir();
    // `SCHEMADIFF_PAIRS_SEEDS=4,9` and `SCHEMADIFF_PAIRS_DIRS=a-b,b-a`: just those.
    let seeds: Vec<u64> = match std::env::var("SCHEMADIFF_PAIRS_SEEDS") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
        Err(_) => (first..first + n).collect(),
    };
    let dirs = std::env::var("SCHEMADIFF_PAIRS_DIRS").unwrap_or_default();
    let items: Vec<(u64, Dir)> = seeds
        .iter()
        .flat_map(|&s| Dir::ALL.map(|d| (s, d)))
        .filter(|(_, d)| dirs.is_empty() || dirs.split(',').any(|x| x.trim() == d.name()))
        .rev()
        .collect();
    let n = seeds.len() as u64;
    let total = items.len();
    let results = parallel(items, |rt, (seed, dir)| {
        let (a, b) = pair(seed);
        let (from, to) = dir.sides(&a, &b);
        let case = out.join(format!("{seed}-{}", dir.name()));
        let result = {
            let _t = timing::span("case");
            run(rt, &case, &from, &to)
        };
        let Err(e) = result else {
            if std::env::var_os("SCHEMADIFF_PAIRS_KEEP").is_none() {
                let _ = std::fs::remove_dir_all(&case);
            }
            return (seed, dir, None);
        };
        std::fs::write(case.join("error.txt"), &e).unwrap();
        eprintln!(
            "=== FAILED pair seed {seed} direction {} (SCHEMADIFF_PAIRS=1 SCHEMADIFF_PAIRS_SEED={seed}); case in {}",
            dir.name(),
            case.display()
        );
        let mut shrunk_note = String::new();
        if budget > 0 && real_failure(&e) {
            let scratch = out.join(format!("{seed}-{}-try", dir.name()));
            let (sa, sb) = shrink::shrink(&a, &b, dir, budget, |a2, b2| {
                let (f, t) = dir.sides(a2, b2);
                run(rt, &scratch, &f, &t).is_err_and(|e| real_failure(&e))
            });
            let _ = std::fs::remove_dir_all(&scratch);
            let (f, t) = dir.sides(&sa, &sb);
            let dest = out.join(format!("{seed}-{}-shrunk", dir.name()));
            let last = run(rt, &dest, &f, &t).err().unwrap_or_default();
            std::fs::write(dest.join("error.txt"), &last).unwrap();
            shrunk_note = format!(
                "\nshrunk to {} + {} elements in {}\n{}",
                sa.els.len(),
                sb.els.len(),
                dest.display(),
                last.lines().take(30).collect::<Vec<_>>().join("\n")
            );
        }
        let head: String = e.lines().take(40).collect::<Vec<_>>().join("\n");
        (seed, dir, Some(format!("{head}{shrunk_note}")))
    });
    let mut failures: Vec<_> = results
        .into_iter()
        .filter_map(|(s, d, e)| e.map(|e| (s, d.name(), e)))
        .collect();
    failures.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
    for (seed, dir, e) in &failures {
        eprintln!("=== FAILED seed {seed} {dir}\n{e}\n");
    }
    pool::drain();
    timing::report(started.elapsed());
    eprintln!(
        "generated pairs: {n} pairs (seeds {}..{}), {total} directions, {} passed, {} failed, {:.0} s",
        seeds.first().unwrap_or(&0),
        seeds.last().unwrap_or(&0),
        total - failures.len(),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    let names: Vec<String> = failures
        .iter()
        .map(|(s, d, _)| format!("{s}-{d}"))
        .collect();
    assert!(failures.is_empty(), "failed: {}", names.join(" "));
}

/// The generator is deterministic and its output loads (the loop checks the latter; this
/// checks the former without a server).
#[test]
fn same_seed_same_pair() {
    for seed in 0..20 {
        let (a1, b1) = pair(seed);
        let (a2, b2) = pair(seed);
        assert_eq!(render(&a1), render(&a2));
        assert_eq!(render(&b1), render(&b2));
        assert_ne!(render(&a1), render(&b1), "seed {seed}: B equals A");
    }
}
