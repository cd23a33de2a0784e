//! Text for people: steps grouped by phase, each with lock and hazards, the SQL, and a
//! unified diff of every changed definition (view, function, check, ...); a summary line.
//! Colored on a terminal (console decides), plain otherwise.

use crate::plan::{Phase, Plan, Step};
use console::style;
use similar::TextDiff;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn render_text(plan: &Plan, out: &mut impl Write) -> io::Result<()> {
    let steps: Vec<&Step> = plan.steps.iter().filter(|s| !s.sql.is_empty()).collect();
    if steps.is_empty() {
        return writeln!(out, "No changes: the database matches the desired state.");
    }
    let mut phase = None;
    for (i, step) in steps.iter().enumerate() {
        if phase != Some(step.phase) {
            phase = Some(step.phase);
            let name = match step.phase {
                Phase::Expand => "expand",
                Phase::Backfill => "backfill",
                Phase::Contract => "contract",
            };
            writeln!(out, "{}", style(format!("== {name} ==")).bold())?;
        }
        let hazards: Vec<&str> = step.hazards.iter().map(|h| h.code()).collect();
        write!(
            out,
            "{:>3}. {} {}",
            i + 1,
            style(step.kind).cyan(),
            step.object
        )?;
        write!(out, "  [lock: {:?}", step.lock)?;
        if !hazards.is_empty() {
            write!(out, "; hazards: {}", style(hazards.join(", ")).yellow())?;
        }
        writeln!(out, "]")?;
        for s in &step.sql {
            for line in s.lines() {
                writeln!(out, "       {line}")?;
            }
        }
        if let Some((old, new)) = &step.definition_change {
            // Both sides end with a newline, so one-line definitions diff cleanly.
            let (old, new) = (with_newline(old), with_newline(new));
            let diff = TextDiff::from_lines(old.as_str(), new.as_str());
            let udiff = diff
                .unified_diff()
                .context_radius(3)
                .header("live", "desired")
                .to_string();
            for line in udiff.lines() {
                let styled = match line.chars().next() {
                    Some('+') => style(line).green(),
                    Some('-') => style(line).red(),
                    _ => style(line).dim(),
                };
                writeln!(out, "       {styled}")?;
            }
        }
        if let Some(note) = &step.reverse_note {
            writeln!(
                out,
                "       {}",
                style(format!("reverse cannot restore: {note}")).dim()
            )?;
        }
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &steps {
        let verb = s.kind.split('-').next().unwrap_or(s.kind);
        *kinds.entry(verb).or_default() += 1;
    }
    let counts: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    writeln!(out)?;
    writeln!(out, "{} steps: {}", steps.len(), counts.join(", "))?;
    Ok(())
}

fn with_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}
