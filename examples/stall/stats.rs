//! From the logged transactions to the figures: the longest latency, the longest time with no
//! write completing, p99, counts, over a window of wall-clock time.

use super::writers::Txn;
use std::time::SystemTime;

/// Microseconds since the Unix epoch (pgbench's log clock).
pub fn epoch_us(t: SystemTime) -> i64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

/// The figures for the transactions that completed in `[from, to]` (epoch µs).
#[derive(Debug, Default)]
pub struct Window {
    /// Completed (successful) transactions.
    pub writes: usize,
    /// Failed transactions (logged as failed: serialization or deadlock errors).
    pub failed: usize,
    pub max_latency_us: i64,
    /// When the longest transaction ended.
    pub max_latency_end_us: i64,
    pub p99_us: i64,
    pub p50_us: i64,
    /// The longest interval with no transaction completing, window edges included.
    pub max_gap_us: i64,
    /// Where that interval started.
    pub max_gap_start_us: i64,
}

/// The figures for `[from, to]`; `txns` sorted by completion time.
pub fn window(txns: &[Txn], from: i64, to: i64) -> Window {
    let inside: Vec<&Txn> = txns
        .iter()
        .filter(|t| t.end_us >= from && t.end_us <= to)
        .collect();
    let mut w = Window {
        max_gap_us: to - from,
        max_gap_start_us: from,
        ..Window::default()
    };
    let mut latencies: Vec<i64> = Vec::with_capacity(inside.len());
    for t in &inside {
        match t.latency_us {
            Some(l) => {
                latencies.push(l);
                if l > w.max_latency_us {
                    w.max_latency_us = l;
                    w.max_latency_end_us = t.end_us;
                }
            }
            None => w.failed += 1,
        }
    }
    w.writes = latencies.len();
    latencies.sort_unstable();
    w.p99_us = percentile(&latencies, 99.0);
    w.p50_us = percentile(&latencies, 50.0);
    // Gaps between consecutive completions (any outcome: a failure is also an answer),
    // and from the window's start to the first and from the last to its end.
    let mut prev = from;
    let mut longest = (0, from);
    for t in inside.iter().map(|t| t.end_us).chain(std::iter::once(to)) {
        if t - prev > longest.0 {
            longest = (t - prev, prev);
        }
        prev = t;
    }
    w.max_gap_us = longest.0;
    w.max_gap_start_us = longest.1;
    w
}

/// The nearest-rank percentile of sorted values (0 when there are none).
fn percentile(sorted: &[i64], p: f64) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn ms(us: i64) -> String {
    if us >= 10_000_000 {
        format!("{:.1} s", us as f64 / 1e6)
    } else {
        format!("{:.0} ms", us as f64 / 1e3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn txn(end_us: i64, latency: i64) -> Txn {
        Txn {
            end_us,
            latency_us: Some(latency),
        }
    }

    #[test]
    fn gaps_include_the_window_edges() {
        let txns = [txn(1_000, 10), txn(2_000, 10), txn(9_000, 6_000)];
        let w = window(&txns, 0, 10_000);
        assert_eq!(w.writes, 3);
        assert_eq!(w.max_latency_us, 6_000);
        assert_eq!((w.max_gap_us, w.max_gap_start_us), (7_000, 2_000));
        let w = window(&txns, 0, 30_000);
        assert_eq!((w.max_gap_us, w.max_gap_start_us), (21_000, 9_000));
        let w = window(&[], 0, 5_000);
        assert_eq!((w.writes, w.max_gap_us), (0, 5_000));
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<i64> = (1..=200).collect();
        assert_eq!(percentile(&v, 99.0), 198);
        assert_eq!(percentile(&v, 50.0), 100);
        assert_eq!(percentile(&[7], 99.0), 7);
    }
}
