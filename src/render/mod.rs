//! Renderers: a plan as text for people, a psql script, JSON for machines, or Markdown for
//! pull-request comments. Every renderer is a function over `io::Write`, so each is
//! snapshot-tested.

mod json;
mod markdown;
mod script;
mod text;

pub use json::{read_json, render_json};
pub use markdown::render_markdown;
pub(crate) use script::Session;
pub use script::{duration, render_forward, render_reverse};
pub use text::render_text;

use crate::plan::{Effect, Plan, Statement, TableStats};

/// What a statement costs on the live database: its effect and, when the `from` side is a
/// database, the size of the table it locks (`instant`, `scans ~2.0M rows, 412 MB`).
pub(crate) fn impact(plan: &Plan, s: &Statement) -> String {
    let effect = s.effect();
    match s.strongest_lock().and_then(|l| plan.stats_of(&l.relation)) {
        Some(stats) if effect != Effect::Instant => {
            format!("{} {}", effect.name(), size(stats))
        }
        _ => effect.name().to_string(),
    }
}

/// `~2.0M rows, 412 MB`
pub(crate) fn size(stats: &TableStats) -> String {
    let rows = if stats.rows < 0.0 {
        "rows unknown (never analyzed)".to_string()
    } else if stats.rows >= 1e6 {
        format!("~{:.1}M rows", stats.rows / 1e6)
    } else if stats.rows >= 1e3 {
        format!("~{:.1}k rows", stats.rows / 1e3)
    } else {
        format!("~{} rows", stats.rows as i64)
    };
    format!("{rows}, {}", bytes(stats.bytes))
}

/// `412 MB`, `1.5 GB`, `16 kB`.
pub fn bytes(bytes: i64) -> String {
    let b = bytes as f64;
    if b >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.1} GB", b / (1024.0 * 1024.0 * 1024.0))
    } else if b >= 1024.0 * 1024.0 {
        format!("{:.0} MB", b / (1024.0 * 1024.0))
    } else {
        format!("{:.0} kB", b / 1024.0)
    }
}

/// The largest table a statement of `effect` touches, for the summary line.
pub(crate) fn largest(plan: &Plan, effect: Effect) -> Option<String> {
    plan.steps()
        .flat_map(|s| s.forward.iter())
        .filter(|s| s.effect() == effect)
        .filter_map(|s| s.strongest_lock())
        .filter_map(|l| plan.stats_of(&l.relation).map(|st| (st, &l.relation)))
        .max_by(|a, b| a.0.bytes.cmp(&b.0.bytes))
        .map(|(st, rel)| format!("{rel} ({})", size(st)))
}

/// `ACCESS EXCLUSIVE on public.t, SHARE ROW EXCLUSIVE on public.u`, or `no lock`.
pub(crate) fn locks(s: &Statement) -> String {
    if s.locks.is_empty() {
        return "no lock on existing tables".to_string();
    }
    s.locks
        .iter()
        .map(|l| format!("{} on {}", l.mode, l.relation))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `index-build, locked-scan`, or empty.
pub(crate) fn hazards(s: &Statement) -> String {
    s.hazards
        .iter()
        .map(|h| h.code())
        .collect::<Vec<_>>()
        .join(", ")
}
