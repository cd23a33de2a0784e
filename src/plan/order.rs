//! Ordering: drafts become nodes of a petgraph DAG; edges come from both catalogs'
//! dependencies and from what each draft drops and creates. The sort is deterministic
//! (smallest phase, then the draft's `Place`, then its position), and a cycle is reported
//! whole.

use super::PlanError;
use super::deps::DepIndex;
use super::recipes::Draft;
use super::step::Step;
use crate::model::{Catalog, ConstraintKind, ObjectId};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::BTreeMap;

/// `groups[i]` numbers the change draft `i` came from: drafts of one change keep their order.
pub fn order(
    drafts: Vec<Draft>,
    groups: &[usize],
    (from, to): (&Catalog, &Catalog),
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
        for x in &d.after_drop_of {
            edges.extend(dropping(x).into_iter().map(|a| (a, b)));
        }
    }
    // Tables, views, sequences, indexes, key constraints' indexes and types share one name
    // space per schema: whatever frees a name goes before whatever takes it.
    // A part whose drop its table's drop (or move) does frees its name only there: the
    // table's dropping steps free it too.
    let mut freeing: BTreeMap<(String, String), Vec<NodeIndex>> = BTreeMap::new();
    for &n in &nodes {
        let d = &graph[n].1;
        for o in &d.drops {
            if let Some(name) = namespace_name(o, from) {
                let by = freeing.entry(name).or_default();
                by.push(n);
                if let Some(p) = &d.forward_implied_by {
                    by.extend(dropping(p));
                }
            }
        }
    }
    for &b in &nodes {
        for o in &graph[b].1.creates {
            if let Some(name) = namespace_name(o, to) {
                for &a in freeing.get(&name).into_iter().flatten() {
                    edges.push((a, b));
                }
            }
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
    let label = |(_, d): &(usize, Draft)| d.step.title();
    // Phases are barriers: a step that must run after a step of a later phase moves to that
    // phase, and says why. Visiting in any topological order sees every predecessor's final
    // phase before the step itself.
    let first = crate::graph::toposort_by_key(&graph, |(i, _)| *i, label)?;
    for &n in &first {
        let latest = graph
            .neighbors_directed(n, petgraph::Direction::Incoming)
            .map(|p| (graph[p].1.step.phase, p))
            .max_by_key(|(phase, p)| (*phase, std::cmp::Reverse(p.index())));
        if let Some((phase, p)) = latest
            && phase > graph[n].1.step.phase
        {
            let why = format!(
                "moved from {} to {phase}: it must run after {}, a {phase} step",
                graph[n].1.step.phase,
                graph[p].1.step.title(),
            );
            let step = &mut graph[n].1.step;
            step.phase = phase;
            step.notes.push(why);
        }
    }
    blank_in_phase(&mut graph, &droppers, &creators);
    let sorted =
        crate::graph::toposort_by_key(&graph, |(i, d)| (d.step.phase, d.place, *i), label)?;
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

/// Leaves out the side of a part's step that its table's own drop or create does, where the
/// two run in the same phase (`Draft::forward_implied_by`, `Draft::reverse_implied_by`).
/// Phases are final here; a part whose table's step is not in the plan is left out as before.
fn blank_in_phase(
    graph: &mut DiGraph<(usize, Draft), ()>,
    droppers: &BTreeMap<ObjectId, Vec<NodeIndex>>,
    creators: &BTreeMap<ObjectId, Vec<NodeIndex>>,
) {
    let phase_of = |graph: &DiGraph<(usize, Draft), ()>,
                    steps: &BTreeMap<ObjectId, Vec<NodeIndex>>,
                    o: &ObjectId| {
        steps
            .get(o)
            .and_then(|n| n.first())
            .map(|&n| graph[n].1.step.phase)
    };
    for n in graph.node_indices().collect::<Vec<_>>() {
        let d = &graph[n].1;
        let own = d.step.phase;
        let forward = d
            .forward_implied_by
            .as_ref()
            .is_some_and(|p| phase_of(graph, droppers, p).is_none_or(|ph| ph == own));
        let reverse = d
            .reverse_implied_by
            .as_ref()
            .is_some_and(|p| phase_of(graph, creators, p).is_none_or(|ph| ph == own));
        let step = &mut graph[n].1.step;
        if forward {
            step.forward.clear();
        }
        if reverse {
            step.reverse.clear();
        }
    }
}

/// The (schema, name) an object takes in the schema's shared relation/type name space.
fn namespace_name(id: &ObjectId, cat: &Catalog) -> Option<(String, String)> {
    let pair = |schema: &str, name: &str| Some((schema.to_string(), name.to_string()));
    match id {
        ObjectId::Table { name }
        | ObjectId::View { name }
        | ObjectId::MaterializedView { name }
        | ObjectId::Sequence { name }
        | ObjectId::Type { name } => pair(&name.schema, &name.name),
        ObjectId::Index { table, name } => pair(&table.schema, name),
        ObjectId::Constraint { table, name } => {
            let c = cat.tables.get(table)?.constraints.get(name)?;
            matches!(
                c.kind,
                ConstraintKind::PrimaryKey | ConstraintKind::Unique | ConstraintKind::Exclude
            )
            .then(|| (table.schema.clone(), name.clone()))
        }
        // Collations have a name space of their own (per schema and encoding).
        ObjectId::Schema { .. }
        | ObjectId::Extension { .. }
        | ObjectId::Collation { .. }
        | ObjectId::Column { .. }
        | ObjectId::Function { .. }
        | ObjectId::DomainConstraint { .. }
        | ObjectId::Trigger { .. }
        | ObjectId::Policy { .. }
        | ObjectId::DefaultPrivileges { .. }
        // Statistics objects have a name space of their own, and rules one per relation.
        | ObjectId::Statistics { .. }
        | ObjectId::Rule { .. }
        // Database-wide, each kind a name space of its own.
        | ObjectId::Publication { .. }
        | ObjectId::EventTrigger { .. }
        | ObjectId::AccessMethod { .. } => None,
    }
}
