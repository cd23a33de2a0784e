//! Hostile input for everything that reads untrusted text: the desired-file splitter,
//! classifier, annotation and session parsing, ordering, and the connection-string parser.
//! Stable toolchain, seeded, no dependencies:
//!
//! ```sh
//! cargo run --release --example fuzz -- --iterations 1000000 --seed 7
//! ```
//!
//! Prints the counts and the time; exits 1 when an input panicked or broke a property
//! (errors about file content must carry file:line:column), writing each such input to
//! `target/fuzz-failures/`.

mod harness;

use std::path::Path;

fn main() {
    let mut iterations = 100_000u64;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> u64 {
            let v = args.next().unwrap_or_default();
            v.parse().unwrap_or_else(|_| {
                eprintln!("{name} needs a whole number, got {v:?}");
                std::process::exit(2)
            })
        };
        match arg.as_str() {
            "--iterations" => iterations = value("--iterations"),
            "--seed" => seed = value("--seed"),
            _ => {
                eprintln!("usage: fuzz [--iterations N] [--seed N]");
                std::process::exit(2);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = harness::corpus(root);
    println!(
        "seed {seed}, {iterations} inputs, corpus of {} files",
        corpus.len()
    );
    // Panics are counted and reported below, not printed one by one by the default hook.
    std::panic::set_hook(Box::new(|_| {}));
    let report = harness::run(seed, iterations, corpus);
    let secs = report.elapsed.as_secs_f64();
    println!(
        "{} inputs ({:.1} MB) in {secs:.1} s ({:.0}/s)",
        report.inputs,
        report.bytes as f64 / 1e6,
        report.inputs as f64 / secs.max(1e-9)
    );
    for (outcome, n) in &report.outcomes {
        println!("  {outcome:<12} {n}");
    }
    println!(
        "panics: {}, broken properties: {}",
        report.panics, report.violations
    );
    if report.failures.is_empty() {
        return;
    }
    let dir = root.join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    for f in &report.failures {
        let path = dir.join(format!("seed{seed}-{}-{}.bin", f.iteration, f.target));
        let _ = std::fs::write(&path, &f.input);
        println!("{}: {} ({})", f.iteration, f.message, path.display());
    }
    std::process::exit(1);
}
