//! JSON for machines: every step with its SQL, reverse, object, kind, phase, lock, hazards.

use crate::plan::Plan;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Document<'a> {
    /// Bumped when the shape changes incompatibly.
    format_version: u32,
    changes: bool,
    steps: Vec<&'a crate::plan::Step>,
}

pub fn render_json(plan: &Plan, out: &mut impl Write) -> io::Result<()> {
    let doc = Document {
        format_version: 1,
        changes: !plan.is_empty(),
        steps: plan
            .steps
            .iter()
            .filter(|s| !s.sql.is_empty() || !s.reverse.is_empty())
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
