//! Dependency order of the desired statements, so users may write and split files in any
//! order (DESIGN decision 6 applied to the desired state).

use super::error::SourceError;
use super::refs::ObjectName;
use super::{Statement, StatementKind};
use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, VecDeque};

/// Sort statements so every creator comes before the statements referencing its name.
/// Among statements that are ready, the one earliest in the files (path, then position)
/// goes first, so the result is deterministic and close to what was written. References
/// that nothing creates are ignored (built-ins, or created implicitly). A cycle is an error
/// that lists every statement in it.
pub fn order(stmts: Vec<Statement>) -> Result<Vec<Statement>, SourceError> {
    let mut graph = DiGraph::<usize, ()>::with_capacity(stmts.len(), 0);
    let nodes: Vec<NodeIndex> = (0..stmts.len()).map(|i| graph.add_node(i)).collect();
    let mut creators: BTreeMap<&ObjectName, Vec<usize>> = BTreeMap::new();
    for (i, s) in stmts.iter().enumerate() {
        for c in &s.creates {
            creators.entry(c).or_default().push(i);
        }
    }
    for (i, s) in stmts.iter().enumerate() {
        for r in &s.references {
            for &j in creators.get(r).into_iter().flatten() {
                if j != i {
                    graph.update_edge(nodes[j], nodes[i], ());
                }
            }
        }
    }
    // Extensions create types and functions we cannot see, so they go before everything
    // but schemas (which an extension may be installed into) and other extensions.
    for (j, e) in stmts.iter().enumerate() {
        if e.kind != StatementKind::CreateExtension {
            continue;
        }
        for (i, s) in stmts.iter().enumerate() {
            if !matches!(
                s.kind,
                StatementKind::CreateExtension | StatementKind::CreateSchema
            ) {
                graph.update_edge(nodes[j], nodes[i], ());
            }
        }
    }

    let mut indegree: Vec<usize> = nodes
        .iter()
        .map(|&n| graph.neighbors_directed(n, Direction::Incoming).count())
        .collect();
    let key = |i: usize| Reverse((stmts[i].location.clone(), i));
    let mut ready: BinaryHeap<_> = (0..stmts.len())
        .filter(|&i| indegree[i] == 0)
        .map(key)
        .collect();
    let mut sorted = Vec::with_capacity(stmts.len());
    while let Some(Reverse((_, i))) = ready.pop() {
        sorted.push(i);
        for next in graph.neighbors_directed(nodes[i], Direction::Outgoing) {
            let n = graph[next];
            indegree[n] -= 1;
            if indegree[n] == 0 {
                ready.push(key(n));
            }
        }
    }
    if sorted.len() < stmts.len() {
        return Err(cycle_error(&graph, &stmts, &indegree));
    }
    let mut slots: Vec<Option<Statement>> = stmts.into_iter().map(Some).collect();
    Ok(sorted.into_iter().filter_map(|i| slots[i].take()).collect())
}

/// Find one cycle among the statements left unsorted and describe it in order.
fn cycle_error(graph: &DiGraph<usize, ()>, stmts: &[Statement], indegree: &[usize]) -> SourceError {
    let left: Vec<NodeIndex> = graph
        .node_indices()
        .filter(|&n| indegree[graph[n]] > 0)
        .collect();
    let sub = graph.filter_map(|n, &i| left.contains(&n).then_some(i), |_, _| Some(()));
    let component = tarjan_scc(&sub)
        .into_iter()
        .filter(|c| c.len() > 1)
        .min_by_key(|c| c.iter().map(|&n| stmts[sub[n]].location.clone()).min())
        .unwrap_or_default();
    let Some(&start) = component
        .iter()
        .min_by_key(|&&n| stmts[sub[n]].location.clone())
    else {
        return SourceError::Cycle { members: vec![] };
    };
    // Shortest path from start back to itself inside the component.
    let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    'search: while let Some(n) = queue.pop_front() {
        for next in sub.neighbors(n) {
            if !component.contains(&next) || parent.contains_key(&next) {
                continue;
            }
            parent.insert(next, n);
            if next == start {
                break 'search;
            }
            queue.push_back(next);
        }
    }
    let mut path = vec![start];
    let mut at = parent.get(&start).copied();
    while let Some(n) = at.filter(|&n| n != start) {
        path.push(n);
        at = parent.get(&n).copied();
    }
    path.reverse();
    // path now runs start -> ... -> (predecessor of start); rotate so start is first.
    path.rotate_right(1);
    let members = path
        .iter()
        .enumerate()
        .map(|(k, &n)| {
            let s = &stmts[sub[n]];
            let next = &stmts[sub[path[(k + 1) % path.len()]]];
            let needs = next
                .references
                .iter()
                .find(|r| s.creates.contains(r))
                .map(|r| format!(" (creates {r}, needed by the next)"))
                .unwrap_or_default();
            (s.location.clone(), format!("{}{needs}", s.summary()))
        })
        .collect();
    SourceError::Cycle { members }
}

#[cfg(test)]
#[path = "order_tests.rs"]
mod tests;
