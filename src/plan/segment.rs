//! One segmentation of a plan into what runs together (DESIGN decision 9): a transaction of
//! consecutive transactional statements of one step, or one statement that may not run in a
//! transaction block. The psql script, `generate` and `apply` all run these segments, so
//! they cannot disagree about what is atomic.

use super::{Phase, Plan, Statement, Step};

/// Which way through the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Reverse,
}

/// Statements that run together: in one transaction block when `transactional` and there is
/// more than one; alone otherwise.
#[derive(Clone, Debug)]
pub struct Segment<'a> {
    pub step: &'a Step,
    pub statements: Vec<&'a Statement>,
    pub transactional: bool,
}

/// The steps of `phases` that have something to run in `direction`, in the order they run:
/// forward, phase by phase and step by step; reverse, the other way round.
pub fn steps<'a>(plan: &'a Plan, phases: &[Phase], direction: Direction) -> Vec<&'a Step> {
    let mut out: Vec<&Step> = Vec::new();
    let ordered: Vec<Phase> = match direction {
        Direction::Forward => phases.to_vec(),
        Direction::Reverse => phases.iter().rev().copied().collect(),
    };
    for phase in ordered {
        let steps = plan.phase(phase);
        match direction {
            Direction::Forward => out.extend(steps.iter().filter(|s| !s.forward.is_empty())),
            Direction::Reverse => out.extend(
                steps
                    .iter()
                    .rev()
                    .filter(|s| !s.reverse.is_empty() || s.reverse_note.is_some()),
            ),
        }
    }
    out
}

/// A step's statements in `direction`, cut into segments.
pub fn segments(step: &Step, direction: Direction) -> Vec<Segment<'_>> {
    let statements = match direction {
        Direction::Forward => &step.forward,
        Direction::Reverse => &step.reverse,
    };
    let mut out: Vec<Segment> = Vec::new();
    for s in statements {
        match out.last_mut() {
            Some(last) if last.transactional && s.transactional => last.statements.push(s),
            _ => out.push(Segment {
                step,
                statements: vec![s],
                transactional: s.transactional,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ObjectId;

    #[test]
    fn transactional_runs_group_and_the_others_stand_alone() {
        let mut step = Step::new(ObjectId::Schema { name: "s".into() }, "test");
        step.forward = vec![
            Statement::new("a"),
            Statement::new("b"),
            Statement::new("c").non_transactional(),
            Statement::new("d").non_transactional(),
            Statement::new("e"),
        ];
        let groups: Vec<(Vec<&str>, bool)> = segments(&step, Direction::Forward)
            .iter()
            .map(|g| {
                (
                    g.statements.iter().map(|s| s.sql.as_str()).collect(),
                    g.transactional,
                )
            })
            .collect();
        assert_eq!(
            groups,
            vec![
                (vec!["a", "b"], true),
                (vec!["c"], false),
                (vec!["d"], false),
                (vec!["e"], true)
            ]
        );
    }
}
