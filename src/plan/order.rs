//! Ordering: drafts become nodes of a petgraph DAG; edges come from both catalogs'
//! dependencies and from what each draft drops and creates. The sort is deterministic
//! (smallest phase, then the draft's position), and a cycle is reported whole.

use super::PlanError;
use super::deps::DepIndex;
use super::recipes::Draft;
use super::step::Step;
use crate::model::ObjectId;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::BTreeMap;

/// `groups[i]` numbers the change draft `i` came from: drafts of one change keep their order.
pub fn order(
    drafts: Vec<Draft>,
    groups: &[usize],
    from_deps: &DepIndex,
    to_deps: &DepIndex,
) -> Result<Vec<Step>, PlanError> {
    let mut graph: DiGraph<(usize, Draft), ()> = DiGraph::new();
    let nodes: Vec<NodeIndex> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| graph.add_node((i, d)))
        .collect();

    let mut droppers: BTreeMap<ObjectId, Vec<NodeIndex>> = BTreeMap::new();
    let mut creators: BTreeMap<ObjectId, Vec<NodeIndex>> = BTreeMap::new();
    for &n in &nodes {
        for o in &graph[n].1.drops {
            droppers.entry(o.clone()).or_default().push(n);
        }
        for o in &graph[n].1.creates {
            creators.entry(o.clone()).or_default().push(n);
        }
    }
    let none = Vec::new();
    let dropping = |o: &ObjectId| droppers.get(o).unwrap_or(&none).clone();
    let creating = |o: &ObjectId| creators.get(o).unwrap_or(&none).clone();

    let mut edges: Vec<(NodeIndex, NodeIndex)> = Vec::new();
    for &b in &nodes {
        let d = &graph[b].1;
        // Whatever depends on a dropped object is dropped first.
        for y in &d.drops {
            for x in from_deps.deps_of(y) {
                edges.extend(dropping(x).into_iter().map(|a| (b, a)));
            }
        }
        // Whatever a created object depends on is created first.
        for y in &d.creates {
            for x in to_deps.deps_of(y) {
                edges.extend(creating(x).into_iter().map(|a| (a, b)));
            }
            // Recreating: the old one goes before the new one comes.
            edges.extend(dropping(y).into_iter().map(|a| (a, b)));
        }
        for x in &d.before_drop_of {
            edges.extend(dropping(x).into_iter().map(|a| (b, a)));
        }
        for x in &d.after_create_of {
            edges.extend(creating(x).into_iter().map(|a| (a, b)));
        }
        for x in &d.before_create_of {
            edges.extend(creating(x).into_iter().map(|a| (b, a)));
        }
    }
    for (i, pair) in groups.windows(2).enumerate() {
        if pair[0] == pair[1] {
            edges.push((nodes[i], nodes[i + 1]));
        }
    }
    edges.sort();
    edges.dedup();
    for (a, b) in edges {
        if a != b {
            graph.add_edge(a, b, ());
        }
    }
    let sorted = crate::graph::toposort_by_key(
        &graph,
        |(i, d)| (d.step.phase, *i),
        |(_, d)| format!("{} {}", d.step.kind, d.step.object),
    )?;
    let mut slots: Vec<Option<Draft>> = graph
        .into_nodes_edges()
        .0
        .into_iter()
        .map(|n| Some(n.weight.1))
        .collect();
    Ok(sorted
        .into_iter()
        .filter_map(|n| slots[n.index()].take())
        .map(|d| d.step)
        .collect())
}
