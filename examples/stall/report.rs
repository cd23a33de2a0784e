//! What one scenario measured, its verdict, and how it is printed.

use super::migrate::Migration;
use super::scenarios::Scenario;
use super::stats::{Window, ms};
use std::process::ExitStatus;

/// The goal of issues 6 and 7: no write waits longer than this.
pub const GOAL_MS: i64 = 250;

pub struct Outcome {
    pub scenario: &'static Scenario,
    pub migration: Migration,
    /// From `--before` seconds before the migration to `--after` seconds after it.
    pub window: Window,
    /// The part of the window before the migration started: the machine's own noise.
    pub baseline: Window,
    /// Length of the window.
    pub window_us: i64,
    /// pgbench clients that aborted on an error before the benchmark stopped them.
    pub aborted: usize,
    /// pgbench's error lines before the stop.
    pub errors: Vec<String>,
    pub pgbench_exit: ExitStatus,
    /// The scenario's check: holds, and what was found.
    pub check: (bool, String),
    /// No invalid index or NOT VALID constraint left on `accounts`.
    pub leftovers: (bool, String),
    /// Planning again from the migrated database is empty, or why not.
    pub replan: Result<(), String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
}

impl Outcome {
    /// The longest stall: the longest transaction or the longest time with no write done.
    pub fn stall_us(&self) -> i64 {
        self.window.max_latency_us.max(self.window.max_gap_us)
    }

    pub fn failed_writes(&self) -> usize {
        self.window.failed + self.aborted
    }

    /// Every reason this scenario fails, empty when it passes.
    pub fn reasons(&self) -> Vec<String> {
        let mut why = Vec::new();
        if self.stall_us() > GOAL_MS * 1000 {
            why.push(format!("stall {} > {GOAL_MS} ms", ms(self.stall_us())));
        }
        if self.failed_writes() > 0 {
            why.push(format!("{} failed writes", self.failed_writes()));
        }
        if !self.migration.ok() {
            why.push("migration failed".to_string());
        }
        if !self.check.0 {
            why.push(format!("check: {}", self.check.1));
        }
        if !self.leftovers.0 {
            why.push(format!("left behind: {}", self.leftovers.1));
        }
        if let (true, Err(e)) = (self.migration.ok(), &self.replan) {
            why.push(format!("re-plan not empty: {e}"));
        }
        why
    }

    pub fn verdict(&self) -> Verdict {
        if self.reasons().is_empty() {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }

    /// Offset of an epoch-µs instant from the migration's start, for the report.
    fn at(&self, us: i64) -> String {
        let start = super::stats::epoch_us(self.migration.started);
        format!("{:+.2} s", (us - start) as f64 / 1e6)
    }
}

fn status(s: &ExitStatus) -> String {
    s.code()
        .map(|c| c.to_string())
        .unwrap_or_else(|| s.to_string())
}

pub fn print_scenario(o: &Outcome) {
    let m = &o.migration;
    let w = &o.window;
    let secs = o.window_us as f64 / 1e6;
    println!();
    println!("== {} (issue {})", o.scenario.name, o.scenario.issue);
    println!(
        "   migration: {:.2} s, schemadiff exit {}, psql exit {}, {} statements ({} bytes of script)",
        m.wall.as_secs_f64(),
        status(&m.plan_status),
        status(&m.psql_status),
        m.statements.len(),
        m.script_bytes
    );
    let mut slow: Vec<&(f64, String)> = m.statements.iter().collect();
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, sql) in slow.iter().take(3) {
        let mut text: String = sql.chars().take(110).collect();
        if text.len() < sql.len() {
            text.push('…');
        }
        println!("     {t:>9.1} ms  {text}");
    }
    if let Some(e) = &m.error {
        for line in e.lines() {
            println!("   ! {line}");
        }
    }
    println!(
        "   baseline before the migration: longest {}, p99 {}, {} writes",
        ms(o.baseline.max_latency_us),
        ms(o.baseline.p99_us),
        o.baseline.writes
    );
    println!(
        "   window: longest transaction {} (ended at {}), longest gap {} (from {}), p50 {}, p99 {}",
        ms(w.max_latency_us),
        o.at(w.max_latency_end_us),
        ms(w.max_gap_us),
        o.at(w.max_gap_start_us),
        ms(w.p50_us),
        ms(w.p99_us)
    );
    println!(
        "   writes: {} done in {secs:.1} s ({:.0}/s), {} failed, {} clients aborted \
         (pgbench exit {})",
        w.writes,
        w.writes as f64 / secs.max(1e-3),
        w.failed,
        o.aborted,
        status(&o.pgbench_exit)
    );
    for line in o.errors.iter().take(4) {
        println!("   ! {line}");
    }
    println!(
        "   check: {} ({}); leftovers: {}; re-plan: {}",
        if o.check.0 { "ok" } else { "FAILED" },
        o.check.1,
        if o.leftovers.0 {
            "none"
        } else {
            &o.leftovers.1
        },
        match &o.replan {
            Ok(()) => "empty".to_string(),
            Err(e) => e.clone(),
        }
    );
    match o.verdict() {
        Verdict::Pass => println!("   => PASS"),
        Verdict::Fail => println!("   => FAIL: {}", o.reasons().join("; ")),
    }
}

/// A Markdown table of every scenario, ready for docs/benchmarks.md.
pub fn print_summary(outcomes: &[Outcome], rows: u64, clients: u32) {
    println!();
    println!("{rows} rows, {clients} clients:");
    println!();
    println!(
        "| scenario | issue | longest transaction | longest gap | p99 | baseline longest | \
         writes | failed | migration | psql | result |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for o in outcomes {
        let result = match o.verdict() {
            Verdict::Pass => "PASS".to_string(),
            Verdict::Fail => format!("FAIL: {}", o.reasons().join("; ")),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.2} s | {} | {} |",
            o.scenario.name,
            o.scenario.issue,
            ms(o.window.max_latency_us),
            ms(o.window.max_gap_us),
            ms(o.window.p99_us),
            ms(o.baseline.max_latency_us),
            o.window.writes,
            o.failed_writes(),
            o.migration.wall.as_secs_f64(),
            status(&o.migration.psql_status),
            result
        );
    }
}
