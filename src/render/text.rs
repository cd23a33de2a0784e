//! Text for people: one section per phase, each step with its statements, and for every
//! statement its lock, impact and hazards; notes on why a step is where it is; a unified diff
//! of every changed definition (view, function, check, ...); a summary. Colored on a terminal
//! (console decides, and honours NO_COLOR), plain otherwise.

use super::{hazards, impact, largest, locks};
use crate::plan::{Effect, Phase, Plan, Step};
use console::style;
use similar::TextDiff;
use std::io::{self, Write};

pub fn render_text(plan: &Plan, phases: &[Phase], out: &mut impl Write) -> io::Result<()> {
    let count = |p: Phase| {
        plan.phase(p)
            .iter()
            .filter(|s| !s.forward.is_empty())
            .count()
    };
    let total: usize = phases.iter().map(|&p| count(p)).sum();
    if total == 0 {
        return writeln!(out, "No changes: the database matches the desired state.");
    }
    let mut n = 0;
    for &phase in phases {
        writeln!(
            out,
            "{}",
            style(format!("== {phase}: run {} ==", phase.when())).bold()
        )?;
        if count(phase) == 0 {
            writeln!(out, "     nothing to do")?;
        }
        for step in plan.phase(phase).iter().filter(|s| !s.forward.is_empty()) {
            n += 1;
            write_step(plan, n, step, out)?;
        }
        writeln!(out)?;
    }
    let per_phase: Vec<String> = phases
        .iter()
        .filter(|&&p| count(p) > 0)
        .map(|&p| format!("{p} {}", count(p)))
        .collect();
    writeln!(out, "{total} steps: {}", per_phase.join(", "))?;
    if !plan.stats.is_empty() {
        let or_none = |e| largest(plan, e).unwrap_or_else(|| "none".to_string());
        writeln!(
            out,
            "largest rewrite: {}; largest scan: {}; largest index build: {}",
            or_none(Effect::Rewrites),
            or_none(Effect::Scans),
            or_none(Effect::BuildsIndex)
        )?;
    }
    Ok(())
}

fn write_step(plan: &Plan, n: usize, step: &Step, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{:>3}. {} {}",
        n,
        style(&step.kind).cyan(),
        step.object
    )?;
    for s in &step.forward {
        for line in s.sql.lines() {
            writeln!(out, "       {line}")?;
        }
        let mut facts = vec![locks(s), impact(plan, s)];
        if !s.transactional {
            facts.push("outside a transaction".to_string());
        }
        write!(out, "         {}", style(facts.join(" · ")).dim())?;
        if !s.hazards.is_empty() {
            write!(out, " · hazards: {}", style(hazards(s)).yellow())?;
        }
        writeln!(out)?;
    }
    for note in &step.notes {
        writeln!(out, "       {}", style(format!("note: {note}")).dim())?;
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
        writeln!(out, "       {}", style(format!("way back: {note}")).dim())?;
    }
    Ok(())
}

fn with_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}
