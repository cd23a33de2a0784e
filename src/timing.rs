//! `SCHEMADIFF_PHASE_TIMES=1`: where a command's wall time goes, one line per stage on
//! stderr (`phase-time introspect from 4.812s`). For the scale benchmark's "what dominates"
//! and for anyone whose plan is slow; silent otherwise.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SCHEMADIFF_PHASE_TIMES").is_some_and(|v| !v.is_empty()))
}

/// A stage being timed; the line is printed when it is dropped.
pub struct Stage {
    label: Option<(String, Instant)>,
}

/// Time the stage `label` until the returned guard is dropped.
pub fn stage(label: impl Into<String>) -> Stage {
    Stage {
        label: enabled().then(|| (label.into(), Instant::now())),
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if let Some((label, start)) = self.label.take() {
            eprintln!("phase-time {label} {:.3}s", start.elapsed().as_secs_f64());
        }
    }
}

/// A count worth seeing beside the stage times (`phase-count batches run singly 3`).
pub fn count(label: &str, n: usize) {
    if enabled() {
        eprintln!("phase-count {label} {n}");
    }
}
