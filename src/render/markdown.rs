//! Markdown for pull-request comments: a summary, then per phase a table of statements (lock,
//! impact, hazards) and the phase's SQL in a collapsible block.

use super::{hazards, impact, largest, locks};
use crate::plan::{Effect, Phase, Plan};
use std::io::{self, Write};

pub fn render_markdown(plan: &Plan, phases: &[Phase], out: &mut impl Write) -> io::Result<()> {
    let steps = |p: Phase| plan.phase(p).iter().filter(|s| !s.forward.is_empty());
    let total: usize = phases.iter().map(|&p| steps(p).count()).sum();
    writeln!(out, "## schemadiff plan")?;
    writeln!(out)?;
    if total == 0 {
        return writeln!(out, "No changes: the database matches the desired state.");
    }
    let dangerous: usize = phases
        .iter()
        .flat_map(|&p| steps(p))
        .flat_map(|s| s.forward.iter())
        .filter(|s| s.hazards.iter().any(|h| h.dangerous()))
        .count();
    writeln!(
        out,
        "**{total} steps**; {dangerous} statements with a dangerous hazard."
    )?;
    if !plan.stats.is_empty() {
        let or_none = |e| largest(plan, e).unwrap_or_else(|| "none".to_string());
        writeln!(
            out,
            "Largest rewrite: {}. Largest scan: {}. Largest index build: {}.",
            cell(&or_none(Effect::Rewrites)),
            cell(&or_none(Effect::Scans)),
            cell(&or_none(Effect::BuildsIndex))
        )?;
    }
    let mut n = 0;
    for &phase in phases {
        writeln!(out)?;
        writeln!(out, "### {phase}")?;
        writeln!(out)?;
        writeln!(out, "Run {}.", phase.when())?;
        writeln!(out)?;
        if steps(phase).count() == 0 {
            writeln!(out, "Nothing to do.")?;
            continue;
        }
        writeln!(out, "| # | step | statement | lock | impact | hazards |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for step in steps(phase) {
            n += 1;
            for (i, s) in step.forward.iter().enumerate() {
                let first = s.sql.lines().next().unwrap_or_default();
                let shown: String = first.chars().take(100).collect();
                let ellipsis = if shown.len() < s.sql.len() {
                    " …"
                } else {
                    ""
                };
                let label = if i == 0 {
                    format!("{} `{}`", step.kind, cell(&step.object.to_string()))
                } else {
                    String::new()
                };
                let mut lock = locks(s);
                if !s.transactional {
                    lock.push_str(", outside a transaction");
                }
                let h = hazards(s);
                writeln!(
                    out,
                    "| {} | {} | `{}`{} | {} | {} | {} |",
                    if i == 0 { n.to_string() } else { String::new() },
                    label,
                    cell(&shown).replace('`', "'"),
                    ellipsis,
                    cell(&lock),
                    cell(&impact(plan, s)),
                    if h.is_empty() {
                        String::new()
                    } else {
                        format!("**{h}**")
                    }
                )?;
            }
            for note in &step.notes {
                writeln!(out, "| | | _{}_ | | | |", cell(note))?;
            }
        }
        writeln!(out)?;
        writeln!(out, "<details><summary>SQL of {phase}</summary>")?;
        writeln!(out)?;
        writeln!(out, "```sql")?;
        let mut sql = Vec::new();
        super::render_forward(plan, &[phase], &mut sql)?;
        out.write_all(&sql)?;
        writeln!(out, "```")?;
        writeln!(out)?;
        writeln!(out, "</details>")?;
    }
    Ok(())
}

/// Text safe inside a table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
