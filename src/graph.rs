//! A deterministic topological sort, shared by `dump` and the planner (DESIGN decision 6).
//!
//! An edge `a -> b` means "a runs before b". Among the nodes that are ready, the one with the
//! smallest key always goes first (Kahn's algorithm over an ordered set), so the order depends
//! only on the graph and the keys — never on insertion order or hashing. Equal keys fall back
//! to node index, which keeps the sort total.

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeSet, VecDeque};

/// The graph has a cycle; `nodes` lists it in edge order, the first node repeated at the end
/// (`a -> b -> a`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("dependency cycle: {}", .nodes.join(" -> "))]
pub struct CycleError {
    pub nodes: Vec<String>,
}

/// Sort `graph` topologically, taking the smallest `key` among ready nodes. On a cycle,
/// returns the cycle through the smallest-keyed node that cannot be sorted, labelled by `label`.
pub fn toposort_by_key<N, E, K, FK, FL>(
    graph: &DiGraph<N, E>,
    key: FK,
    label: FL,
) -> Result<Vec<NodeIndex>, CycleError>
where
    K: Ord,
    FK: Fn(&N) -> K,
    FL: Fn(&N) -> String,
{
    let n = graph.node_count();
    // rank[i] = position of node i in key order; the ready set holds ranks.
    let keys: Vec<K> = graph.node_indices().map(|i| key(&graph[i])).collect();
    let mut by_key: Vec<usize> = (0..n).collect();
    by_key.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let mut rank = vec![0; n];
    for (r, &i) in by_key.iter().enumerate() {
        rank[i] = r;
    }

    let mut indegree: Vec<usize> = graph
        .node_indices()
        .map(|i| graph.neighbors_directed(i, Direction::Incoming).count())
        .collect();
    let mut ready: BTreeSet<usize> = (0..n)
        .filter(|&i| indegree[i] == 0)
        .map(|i| rank[i])
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(r) = ready.pop_first() {
        let i = by_key[r];
        order.push(NodeIndex::new(i));
        // neighbors() yields one entry per edge, so parallel edges decrement correctly.
        for next in graph.neighbors_directed(NodeIndex::new(i), Direction::Outgoing) {
            let j = next.index();
            indegree[j] -= 1;
            if indegree[j] == 0 {
                ready.insert(rank[j]);
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    // Every node left has an unsorted predecessor, so walking backwards from the
    // smallest-keyed one must revisit a node: that closes a cycle.
    let start = by_key
        .iter()
        .copied()
        .find(|&i| indegree[i] > 0)
        .map(NodeIndex::new)
        .unwrap_or_else(|| NodeIndex::new(by_key[0]));
    let cycle = find_cycle(graph, start, &indegree, &rank);
    Err(CycleError {
        nodes: cycle.iter().map(|&i| label(&graph[i])).collect(),
    })
}

/// A cycle among the unsorted nodes (indegree > 0), reached by walking predecessors from
/// `start` (always taking the smallest-ranked unsorted predecessor, for determinism), then
/// returned in edge direction with its first node repeated at the end.
fn find_cycle<N, E>(
    graph: &DiGraph<N, E>,
    start: NodeIndex,
    indegree: &[usize],
    rank: &[usize],
) -> Vec<NodeIndex> {
    let mut path: Vec<NodeIndex> = vec![start];
    let mut seen_at = vec![usize::MAX; graph.node_count()];
    seen_at[start.index()] = 0;
    loop {
        let current = *path.last().unwrap_or(&start);
        let pred = graph
            .neighbors_directed(current, Direction::Incoming)
            .filter(|p| indegree[p.index()] > 0)
            .min_by_key(|p| rank[p.index()]);
        let Some(pred) = pred else {
            // Cannot happen for an unsorted node; return what we have rather than panic.
            break;
        };
        if seen_at[pred.index()] != usize::MAX {
            // path[k..] walks backwards from pred to current; reverse it into edge order.
            let k = seen_at[pred.index()];
            let mut cycle: VecDeque<NodeIndex> = path[k..].iter().rev().copied().collect();
            // Rotate so the smallest-ranked node comes first, for a stable message.
            let min_pos = (0..cycle.len())
                .min_by_key(|&p| rank[cycle[p].index()])
                .unwrap_or(0);
            cycle.rotate_left(min_pos);
            let mut cycle: Vec<NodeIndex> = cycle.into();
            cycle.push(cycle[0]);
            return cycle;
        }
        seen_at[pred.index()] = path.len();
        path.push(pred);
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sort(graph: &DiGraph<&'static str, ()>) -> Result<Vec<&'static str>, CycleError> {
        toposort_by_key(graph, |n| *n, |n| n.to_string())
            .map(|order| order.into_iter().map(|i| graph[i]).collect())
    }

    #[test]
    fn ready_nodes_go_in_key_order() {
        let mut g = DiGraph::new();
        let c = g.add_node("c");
        let a = g.add_node("a");
        let b = g.add_node("b");
        let _d = g.add_node("d");
        // c must precede a: a waits although it has the smallest key.
        g.add_edge(c, a, ());
        assert_eq!(sort(&g), Ok(vec!["b", "c", "a", "d"]));
        let _ = b;
    }

    #[test]
    fn insertion_order_does_not_matter() {
        let names = ["t", "s", "idx", "fk", "v"];
        let edges = [
            ("s", "t"),
            ("t", "idx"),
            ("t", "fk"),
            ("t", "v"),
            ("idx", "fk"),
        ];
        let build = |order: &[&'static str]| {
            let mut g = DiGraph::new();
            let ids: Vec<_> = order.iter().map(|n| (*n, g.add_node(*n))).collect();
            let find = |n: &str| ids.iter().find(|(m, _)| *m == n).map(|(_, i)| *i);
            for (a, b) in edges {
                if let (Some(a), Some(b)) = (find(a), find(b)) {
                    g.add_edge(a, b, ());
                }
            }
            sort(&g)
        };
        let forward = build(&names);
        let mut reversed = names;
        reversed.reverse();
        assert_eq!(forward, build(&reversed));
        assert_eq!(forward, Ok(vec!["s", "t", "idx", "fk", "v"]));
    }

    #[test]
    fn equal_keys_fall_back_to_insertion_index() {
        let mut g: DiGraph<(u8, &str), ()> = DiGraph::new();
        g.add_node((1, "second"));
        g.add_node((0, "first"));
        g.add_node((1, "third"));
        let order = toposort_by_key(&g, |n| n.0, |n| n.1.to_string());
        let labels: Vec<&str> = order.unwrap_or_default().iter().map(|&i| g[i].1).collect();
        assert_eq!(labels, ["first", "second", "third"]);
    }

    #[test]
    fn cycle_is_reported_whole() {
        let mut g = DiGraph::new();
        let ok = g.add_node("ok");
        let a = g.add_node("a");
        let b = g.add_node("b");
        let c = g.add_node("c");
        let after = g.add_node("after");
        g.add_edge(ok, a, ());
        g.add_edge(a, b, ());
        g.add_edge(b, c, ());
        g.add_edge(c, a, ());
        g.add_edge(c, after, ());
        let err = sort(&g).unwrap_err();
        assert_eq!(err.nodes, ["a", "b", "c", "a"]);
        assert_eq!(err.to_string(), "dependency cycle: a -> b -> c -> a");
    }

    #[test]
    fn self_loop_is_a_cycle() {
        let mut g = DiGraph::new();
        let a = g.add_node("a");
        g.add_edge(a, a, ());
        assert_eq!(
            sort(&g).unwrap_err().to_string(),
            "dependency cycle: a -> a"
        );
    }
}
