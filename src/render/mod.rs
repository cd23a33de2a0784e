//! Renderers: a plan as text for people, a psql script, or JSON for machines.
//! Every renderer is a function over `io::Write`, so each is snapshot-tested.

mod json;
mod script;
mod text;

pub use json::render_json;
pub use script::{render_forward, render_reverse};
pub use text::render_text;

use crate::plan::Step;

/// `kind object` for a step, as every format names it.
pub(crate) fn title(step: &Step) -> String {
    format!("{} {}", step.kind, step.object)
}
