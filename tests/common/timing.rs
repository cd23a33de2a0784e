//! `SCHEMADIFF_TIMING=1`: where the convergence loop's time goes. Each stage's wall time is
//! summed over all workers and printed, with counts, when the suite ends ([`report`]).
//! Without the variable a span costs one environment lookup (cached) and records nothing.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

static TOTALS: Mutex<BTreeMap<&'static str, (Duration, u32)>> = Mutex::new(BTreeMap::new());

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("SCHEMADIFF_TIMING").is_ok_and(|v| !v.is_empty()))
}

/// Times its own life under `stage`.
pub struct Span(&'static str, Instant);

/// A span for `stage`, or nothing when timing is off.
pub fn span(stage: &'static str) -> Option<Span> {
    enabled().then(|| Span(stage, Instant::now()))
}

impl Drop for Span {
    fn drop(&mut self) {
        let mut t = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
        let e = t.entry(self.0).or_default();
        e.0 += self.1.elapsed();
        e.1 += 1;
    }
}

/// The table of stages (total seconds, count, average milliseconds), when timing is on.
pub fn report(wall: Duration) {
    if !enabled() {
        return;
    }
    let t = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    eprintln!("timing: wall {:.1} s", wall.as_secs_f64());
    for (stage, (d, n)) in t.iter() {
        eprintln!(
            "timing: {stage:<16} {:>8.1} s {n:>6} x {:>8.1} ms",
            d.as_secs_f64(),
            d.as_secs_f64() * 1000.0 / f64::from((*n).max(1))
        );
    }
}
