//! The SQL scripts: what `psql -X -v ON_ERROR_STOP=1 -f` runs against the `from` database in
//! autocommit mode, phase by phase. Each segment (plan::segment) runs alone: consecutive
//! transactional statements of a step in their own `BEGIN ... COMMIT`, a statement that may
//! not run in a transaction block (`CREATE INDEX CONCURRENTLY`) by itself. `lock_timeout` and
//! `statement_timeout` are set before every statement whose timeouts differ from the last
//! ones set. No psql meta-commands, so runners can execute the same text.

use crate::plan::segment::{self, Direction};
use crate::plan::{Phase, Plan, Statement};
use std::io::{self, Write};

/// The forward script of `phases` (all of them: [`Phase::ALL`]).
pub fn render_forward(plan: &Plan, phases: &[Phase], out: &mut impl Write) -> io::Result<()> {
    render(plan, phases, Direction::Forward, out)
}

/// The script that undoes the forward script of `phases` once it has been applied: the
/// reverse of each phase, the last phase first.
pub fn render_reverse(plan: &Plan, phases: &[Phase], out: &mut impl Write) -> io::Result<()> {
    render(plan, phases, Direction::Reverse, out)
}

fn render(
    plan: &Plan,
    phases: &[Phase],
    direction: Direction,
    out: &mut impl Write,
) -> io::Result<()> {
    let total = segment::steps(plan, phases, direction).len();
    let what = match direction {
        Direction::Forward => "",
        Direction::Reverse => "reverse, ",
    };
    if total == 0 {
        return writeln!(out, "-- schemadiff: {what}no changes");
    }
    writeln!(out, "-- schemadiff: {what}{total} steps")?;
    writeln!(
        out,
        "-- from {} to {}",
        short(&plan.from_fingerprint),
        short(&plan.to_fingerprint)
    )?;
    let mut n = 0;
    let ordered: Vec<Phase> = match direction {
        Direction::Forward => phases.to_vec(),
        Direction::Reverse => phases.iter().rev().copied().collect(),
    };
    for phase in ordered {
        let steps = segment::steps(plan, &[phase], direction);
        if steps.is_empty() {
            continue;
        }
        writeln!(out)?;
        match direction {
            Direction::Forward => writeln!(
                out,
                "-- phase {phase}: {} steps; run {}",
                steps.len(),
                phase.when()
            )?,
            Direction::Reverse => writeln!(out, "-- undo phase {phase}: {} steps", steps.len())?,
        }
        writeln!(out, "SET check_function_bodies = false;")?;
        // Each phase sets its own timeouts, so that it runs the same when run alone.
        let mut session = Session::default();
        for step in steps {
            n += 1;
            writeln!(out)?;
            match direction {
                Direction::Forward => writeln!(out, "-- step {n}/{total}: {}", step.title())?,
                Direction::Reverse => {
                    writeln!(out, "-- undo {n}/{total}: {}", step.title())?;
                    if let Some(note) = &step.reverse_note {
                        writeln!(out, "-- way back: {note}")?;
                    }
                }
            }
            for seg in segment::segments(step, direction) {
                let block = seg.transactional && seg.statements.len() > 1;
                if block {
                    // Timeouts go before BEGIN when they are the same for the whole block.
                    session.set(out, seg.statements[0])?;
                    writeln!(out, "BEGIN;")?;
                }
                for s in &seg.statements {
                    session.set(out, s)?;
                    writeln!(out, "{};", s.sql.trim_end())?;
                }
                if block {
                    writeln!(out, "COMMIT;")?;
                }
            }
        }
    }
    Ok(())
}

/// The timeouts a script has set so far, so each is written only when it changes. Shared with
/// `generate`, so a migration file sets timeouts exactly as the psql script does.
#[derive(Default)]
pub(crate) struct Session {
    lock_timeout_ms: Option<u64>,
    statement_timeout_ms: Option<u64>,
}

impl Session {
    /// Write the `SET`s that give `s` its timeouts, if they differ from the last ones set.
    pub(crate) fn set(&mut self, out: &mut impl Write, s: &Statement) -> io::Result<()> {
        if self.lock_timeout_ms != Some(s.lock_timeout_ms) {
            writeln!(out, "SET lock_timeout = {};", duration(s.lock_timeout_ms))?;
            self.lock_timeout_ms = Some(s.lock_timeout_ms);
        }
        if self.statement_timeout_ms != Some(s.statement_timeout_ms) {
            writeln!(
                out,
                "SET statement_timeout = {};",
                duration(s.statement_timeout_ms)
            )?;
            self.statement_timeout_ms = Some(s.statement_timeout_ms);
        }
        Ok(())
    }
}

/// A timeout as a PostgreSQL setting literal: `'2s'`, `'1min'`, `'250ms'`, `0` (none).
pub fn duration(ms: u64) -> String {
    match ms {
        0 => "0".to_string(),
        ms if ms % 60_000 == 0 => format!("'{}min'", ms / 60_000),
        ms if ms % 1_000 == 0 => format!("'{}s'", ms / 1_000),
        ms => format!("'{ms}ms'"),
    }
}

fn short(fingerprint: &str) -> &str {
    &fingerprint[..fingerprint.len().min(12)]
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_like_postgresql_settings() {
        assert_eq!(duration(0), "0");
        assert_eq!(duration(2_000), "'2s'");
        assert_eq!(duration(60_000), "'1min'");
        assert_eq!(duration(1_500), "'1500ms'");
    }
}
