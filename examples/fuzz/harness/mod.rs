//! The hostile-input harness shared by `cargo run --release --example fuzz` and the short
//! fixed-seed run in `cargo test`: generate, run every target under `catch_unwind`, check the
//! properties, count.

pub mod check;
pub mod inputs;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

/// Real SQL to mutate: every `.sql` file of the corpus cases and the fixtures.
pub fn corpus(root: &Path) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    for dir in ["tests/cases", "tests/fixtures"] {
        collect(&root.join(dir), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|f| std::fs::read(f).ok())
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "sql") {
            out.push(path);
        }
    }
}

/// An input that broke the harness: it panicked or broke a property.
pub struct Failure {
    pub iteration: u64,
    pub target: &'static str,
    pub message: String,
    pub input: Vec<u8>,
}

#[derive(Default)]
pub struct Report {
    pub inputs: u64,
    pub bytes: u64,
    pub outcomes: BTreeMap<String, u64>,
    pub panics: u64,
    pub violations: u64,
    pub failures: Vec<Failure>,
    pub elapsed: Duration,
}

/// Run `iterations` inputs from `seed`: nine SQL files for every connection string.
pub fn run(seed: u64, iterations: u64, corpus: Vec<Vec<u8>>) -> Report {
    let mut generator = inputs::Generator::new(seed, corpus);
    let mut report = Report::default();
    let start = Instant::now();
    for iteration in 0..iterations {
        let (target, input, result) = if iteration % 10 == 9 {
            let s = generator.conninfo();
            let r = catch_unwind(AssertUnwindSafe(|| check::conninfo(&s)));
            ("conninfo", s.into_bytes(), r)
        } else {
            let bytes = generator.sql();
            let r = catch_unwind(AssertUnwindSafe(|| check::sql(&bytes)));
            ("sql", bytes, r)
        };
        report.inputs += 1;
        report.bytes += input.len() as u64;
        let failure = match result {
            Ok(Ok(outcome)) => {
                *report.outcomes.entry(format!("{outcome:?}")).or_default() += 1;
                None
            }
            Ok(Err(violation)) => {
                report.violations += 1;
                Some(violation)
            }
            Err(payload) => {
                report.panics += 1;
                Some(format!("panic: {}", panic_message(&payload)))
            }
        };
        if let Some(message) = failure
            && report.failures.len() < 20
        {
            report.failures.push(Failure {
                iteration,
                target,
                message,
                input,
            });
        }
    }
    report.elapsed = start.elapsed();
    report
}

fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}
