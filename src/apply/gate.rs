//! The hazard gate: a statement with a dangerous hazard (`Hazard::dangerous`: deletes-data,
//! rewrites-table, locked-scan, breaks-old-code) runs only when that hazard is allowed by
//! name (`--allow-hazard`, `allow_hazards` in schemadiff.toml; `all` allows every one).
//! A refusal lists every blocked statement with its hazards, and nothing runs.

use crate::error::Error;
use crate::plan::{Hazard, Phase, Plan};

/// The hazards named by `--allow-hazard` (`all`: every one).
pub fn allowed(codes: &[String]) -> Result<Vec<Hazard>, Error> {
    Hazard::parse_codes(codes, "all", |_| true).map_err(Error::Usage)
}

/// Refuse when a forward statement of `phases` has a dangerous hazard not in `allow`.
pub fn check(plan: &Plan, phases: &[Phase], allow: &[Hazard]) -> Result<(), Error> {
    let blocked = blocked(plan, phases, allow);
    if blocked.is_empty() {
        return Ok(());
    }
    let mut codes: Vec<&str> = blocked
        .iter()
        .flat_map(|(_, h, _)| h.iter().map(|h| h.code()))
        .collect();
    codes.sort();
    codes.dedup();
    let lines: Vec<String> = blocked
        .iter()
        .map(|(title, hazards, sql)| {
            let h: Vec<&str> = hazards.iter().map(|h| h.code()).collect();
            format!("  {title}: {}: {sql}", h.join(", "))
        })
        .collect();
    Err(Error::Refused(format!(
        "{} statements have a dangerous hazard that is not allowed; nothing was run:\n{}\nallow them by name: {}",
        blocked.len(),
        lines.join("\n"),
        codes
            .iter()
            .map(|c| format!("--allow-hazard {c}"))
            .collect::<Vec<_>>()
            .join(" ")
    )))
}

/// Each blocked statement: its step's title, the hazards that block it, its first line.
pub fn blocked(
    plan: &Plan,
    phases: &[Phase],
    allow: &[Hazard],
) -> Vec<(String, Vec<Hazard>, String)> {
    let mut out = Vec::new();
    for &phase in phases {
        for step in plan.phase(phase) {
            for s in &step.forward {
                let hit: Vec<Hazard> = s
                    .hazards
                    .iter()
                    .copied()
                    .filter(|h| h.dangerous() && !allow.contains(h))
                    .collect();
                if !hit.is_empty() {
                    out.push((
                        format!("{} ({phase})", step.title()),
                        hit,
                        s.sql.lines().next().unwrap_or_default().to_string(),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_allows_every_hazard_and_unknown_codes_are_errors() {
        assert_eq!(allowed(&["all".into()]).unwrap(), Hazard::ALL.to_vec());
        assert_eq!(
            allowed(&["deletes-data".into()]).unwrap(),
            vec![Hazard::DeletesData]
        );
        assert!(allowed(&["delete-data".into()]).is_err());
    }
}
