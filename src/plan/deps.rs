//! Dependencies of every object in a catalog: what `pg_depend` recorded, plus the structure
//! the model implies (an object needs its schema, a column its table, a foreign key the
//! referenced table's keys, a partition its parent).

use crate::model::*;
use std::collections::HashMap;

/// The dependency graph of one catalog, compact: every object named once, in `ObjectId`
/// order, and the edges as indexes into that list (sorted, so both directions iterate in
/// `ObjectId` order, as the sets they replace did). At 10,000 tables a map of sets of cloned
/// ids took about 200 MiB per catalog; this takes a tenth.
pub struct DepIndex {
    /// Every object of the catalog and every object one of them refers to, sorted.
    ids: Vec<ObjectId>,
    /// `ids[i]` is an object of the catalog (not only referred to).
    present: Vec<bool>,
    /// object -> objects it depends on: `deps[deps_at[i]..deps_at[i + 1]]`.
    deps_at: Vec<u32>,
    deps: Vec<u32>,
    /// object -> objects that depend on it, laid out the same way.
    dependents_at: Vec<u32>,
    dependents: Vec<u32>,
}

/// What [`build`] tells as it walks a catalog: an object and what it depends on.
trait Sink {
    fn add(&mut self, id: ObjectId, deps: impl IntoIterator<Item = ObjectId>);
}

/// The one walk: every object and every dependency target gets a number on first sight
/// (a hash lookup, not a search of a sorted list of a million ids), and each edge is kept
/// as a pair of numbers. The numbers are put in `ObjectId` order afterwards.
#[derive(Default)]
struct Walk {
    numbers: HashMap<ObjectId, u32, foldhash::fast::RandomState>,
    /// Indexed by number: the object is of the catalog (not only referred to).
    present: Vec<bool>,
    edges: Vec<(u32, u32)>,
}

impl Walk {
    fn number(&mut self, id: ObjectId, present: bool) -> u32 {
        let next = self.numbers.len() as u32;
        let n = *self.numbers.entry(id).or_insert(next);
        if n == next {
            self.present.push(present);
        } else if present {
            self.present[n as usize] = true;
        }
        n
    }
}

impl Sink for Walk {
    fn add(&mut self, id: ObjectId, deps: impl IntoIterator<Item = ObjectId>) {
        let from = self.number(id, true);
        for d in deps {
            let to = self.number(d, false);
            if to != from {
                self.edges.push((from, to));
            }
        }
    }
}

fn position(ids: &[ObjectId], id: &ObjectId) -> Option<u32> {
    ids.binary_search(id).ok().map(|i| i as u32)
}

/// Compressed rows: `at[i]..at[i + 1]` are `i`'s targets in `targets`, sorted.
fn rows(n: usize, mut pairs: Vec<(u32, u32)>) -> (Vec<u32>, Vec<u32>) {
    pairs.sort_unstable();
    pairs.dedup();
    let mut at = Vec::with_capacity(n + 1);
    let mut targets = Vec::with_capacity(pairs.len());
    let mut next = pairs.iter().peekable();
    for i in 0..n as u32 {
        at.push(targets.len() as u32);
        while let Some(&(_, to)) = next.next_if(|(from, _)| *from == i) {
            targets.push(to);
        }
    }
    at.push(targets.len() as u32);
    (at, targets)
}

impl DepIndex {
    pub fn new(cat: &Catalog) -> Self {
        let mut walk = Walk::default();
        build(cat, &mut walk);
        let Walk {
            numbers,
            present: present_by_number,
            mut edges,
        } = walk;
        // Renumber in `ObjectId` order: lookups are binary searches, and both directions
        // iterate in that order (the plan's output must not depend on the walk's order).
        let mut ids: Vec<(ObjectId, u32)> = numbers.into_iter().collect();
        ids.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut renumber = vec![0u32; ids.len()];
        let mut present = vec![false; ids.len()];
        for (at, (_, n)) in ids.iter().enumerate() {
            renumber[*n as usize] = at as u32;
            present[at] = present_by_number[*n as usize];
        }
        for (from, to) in &mut edges {
            (*from, *to) = (renumber[*from as usize], renumber[*to as usize]);
        }
        let ids: Vec<ObjectId> = ids.into_iter().map(|(id, _)| id).collect();
        let reversed = edges.iter().map(|&(a, b)| (b, a)).collect();
        let (deps_at, deps) = rows(ids.len(), edges);
        let (dependents_at, dependents) = rows(ids.len(), reversed);
        DepIndex {
            ids,
            present,
            deps_at,
            deps,
            dependents_at,
            dependents,
        }
    }

    fn targets<'s>(
        &'s self,
        (at, targets): (&'s [u32], &'s [u32]),
        id: &ObjectId,
    ) -> impl Iterator<Item = &'s ObjectId> + use<'s> {
        let slice = match position(&self.ids, id) {
            Some(i) => &targets[at[i as usize] as usize..at[i as usize + 1] as usize],
            None => &[],
        };
        slice.iter().map(|&j| &self.ids[j as usize])
    }

    pub fn deps_of(&self, id: &ObjectId) -> impl Iterator<Item = &ObjectId> {
        self.targets((&self.deps_at, &self.deps), id)
    }

    pub fn dependents_of(&self, id: &ObjectId) -> impl Iterator<Item = &ObjectId> {
        self.targets((&self.dependents_at, &self.dependents), id)
    }

    /// An object of the catalog (not one only referred to).
    pub fn contains(&self, id: &ObjectId) -> bool {
        position(&self.ids, id).is_some_and(|i| self.present[i as usize])
    }
}

/// Walk the catalog: every object, with what it depends on.
fn build(cat: &Catalog, sink: &mut impl Sink) {
    let schema = |s: &str| ObjectId::Schema {
        name: s.to_string(),
    };
    for s in cat.schemas.values() {
        sink.add(schema(&s.name), []);
    }
    for d in &cat.default_privileges {
        sink.add(
            ObjectId::DefaultPrivileges {
                role: d.role.clone(),
                schema: d.schema.clone(),
                object_type: d.object_type.clone(),
            },
            d.schema.as_deref().map(schema),
        );
    }
    for p in cat.publications.values() {
        let id = ObjectId::Publication {
            name: p.name.clone(),
        };
        sink.add(id, p.depends_on.iter().cloned());
    }
    for e in cat.event_triggers.values() {
        let id = ObjectId::EventTrigger {
            name: e.name.clone(),
        };
        let function = ObjectId::Function {
            id: e.function.clone(),
        };
        sink.add(id, [function]);
    }
    for a in cat.access_methods.values() {
        // A handler takes one `internal` argument; one in a managed schema is made first.
        let handler = ObjectId::Function {
            id: FunctionId {
                schema: a.handler.schema.clone(),
                name: a.handler.name.clone(),
                args: "internal".to_string(),
            },
        };
        sink.add(
            ObjectId::AccessMethod {
                name: a.name.clone(),
            },
            [handler],
        );
    }
    for e in cat.extensions.values() {
        sink.add(
            ObjectId::Extension {
                name: e.name.clone(),
            },
            [schema(&e.schema)],
        );
    }
    for c in cat.collations.values() {
        let id = ObjectId::Collation {
            name: c.name.clone(),
        };
        sink.add(id, [schema(&c.name.schema)]);
    }
    for t in cat.enums.values() {
        let deps = t.depends_on.iter().cloned().chain([schema(&t.name.schema)]);
        sink.add(
            ObjectId::Type {
                name: t.name.clone(),
            },
            deps,
        );
    }
    for d in cat.domains.values() {
        let deps = d.depends_on.iter().cloned().chain([schema(&d.name.schema)]);
        sink.add(
            ObjectId::Type {
                name: d.name.clone(),
            },
            deps,
        );
        for c in d.checks.values() {
            let cid = ObjectId::DomainConstraint {
                domain: d.name.clone(),
                name: c.name.clone(),
            };
            sink.add(
                cid,
                [ObjectId::Type {
                    name: d.name.clone(),
                }],
            );
        }
    }
    for r in cat.ranges.values() {
        let deps = r.depends_on.iter().cloned().chain([schema(&r.name.schema)]);
        sink.add(
            ObjectId::Type {
                name: r.name.clone(),
            },
            deps,
        );
    }
    for c in cat.composites.values() {
        let deps = c.depends_on.iter().cloned().chain([schema(&c.name.schema)]);
        sink.add(
            ObjectId::Type {
                name: c.name.clone(),
            },
            deps,
        );
    }
    for s in cat.sequences.values() {
        let deps = s.depends_on.iter().cloned().chain([schema(&s.name.schema)]);
        // OWNED BY is not a dependency for ordering: the planner sets it in its own step.
        let deps: Vec<_> = deps
            .filter(|d| !matches!(d, ObjectId::Column { .. }))
            .collect();
        sink.add(
            ObjectId::Sequence {
                name: s.name.clone(),
            },
            deps,
        );
    }
    for t in cat.tables.values() {
        add_table(sink, cat, t);
    }
    for v in cat.views.values() {
        let id = crate::diff::view_id(v);
        let deps = v.depends_on.iter().cloned().chain([schema(&v.name.schema)]);
        sink.add(id.clone(), deps);
        for c in &v.columns {
            let cid = ObjectId::Column {
                table: v.name.clone(),
                column: c.name.clone(),
            };
            sink.add(cid, [id.clone()]);
        }
        for i in v.indexes.values() {
            let iid = ObjectId::Index {
                table: v.name.clone(),
                name: i.name.clone(),
            };
            sink.add(iid, i.depends_on.iter().cloned().chain([id.clone()]));
        }
        for x in v.triggers.values() {
            let tid = ObjectId::Trigger {
                table: v.name.clone(),
                name: x.name.clone(),
            };
            sink.add(tid, x.depends_on.iter().cloned().chain([id.clone()]));
        }
        add_defined(sink, &v.name, &v.defined, &id);
    }
    for f in cat.functions.values() {
        let deps = f.depends_on.iter().cloned().chain([schema(&f.id.schema)]);
        sink.add(ObjectId::Function { id: f.id.clone() }, deps);
    }
}

fn add_table(sink: &mut impl Sink, cat: &Catalog, t: &Table) {
    let tid = ObjectId::Table {
        name: t.name.clone(),
    };
    let mut deps: Vec<ObjectId> = t.depends_on.iter().cloned().collect();
    deps.push(ObjectId::Schema {
        name: t.name.schema.clone(),
    });
    deps.extend(
        t.inherits
            .iter()
            .map(|p| ObjectId::Table { name: p.clone() }),
    );
    if let Some(p) = &t.partition_of {
        deps.push(ObjectId::Table {
            name: p.parent.clone(),
        });
    }
    sink.add(tid.clone(), deps);
    for c in &t.columns {
        let cid = ObjectId::Column {
            table: t.name.clone(),
            column: c.name.clone(),
        };
        sink.add(cid, c.depends_on.iter().cloned().chain([tid.clone()]));
    }
    for c in t.constraints.values() {
        let cid = ObjectId::Constraint {
            table: t.name.clone(),
            name: c.name.clone(),
        };
        let mut deps: Vec<ObjectId> = c.depends_on.iter().cloned().collect();
        deps.push(tid.clone());
        deps.extend(c.columns.iter().map(|col| ObjectId::Column {
            table: t.name.clone(),
            column: col.clone(),
        }));
        if let Some(r) = &c.references {
            // A foreign key needs the referenced table's primary key or unique constraint.
            deps.push(ObjectId::Table { name: r.clone() });
            if let Some(rt) = cat.tables.get(r) {
                deps.extend(
                    rt.constraints
                        .values()
                        .filter(|k| {
                            matches!(k.kind, ConstraintKind::PrimaryKey | ConstraintKind::Unique)
                        })
                        .map(|k| ObjectId::Constraint {
                            table: r.clone(),
                            name: k.name.clone(),
                        }),
                );
                deps.extend(
                    rt.indexes
                        .values()
                        .filter(|i| i.unique)
                        .map(|i| ObjectId::Index {
                            table: r.clone(),
                            name: i.name.clone(),
                        }),
                );
            }
        }
        sink.add(cid, deps);
    }
    let parts = t
        .indexes
        .values()
        .map(|i| {
            (
                ObjectId::Index {
                    table: t.name.clone(),
                    name: i.name.clone(),
                },
                &i.depends_on,
            )
        })
        .chain(t.triggers.values().map(|x| {
            (
                ObjectId::Trigger {
                    table: t.name.clone(),
                    name: x.name.clone(),
                },
                &x.depends_on,
            )
        }))
        .chain(t.policies.values().map(|x| {
            (
                ObjectId::Policy {
                    table: t.name.clone(),
                    name: x.name.clone(),
                },
                &x.depends_on,
            )
        }))
        .collect::<Vec<_>>();
    for (id, deps) in parts {
        sink.add(id, deps.iter().cloned().chain([tid.clone()]));
    }
    add_defined(sink, &t.name, &t.defined, &tid);
}

/// Statistics and rules stand on their relation and (statistics) their own schema.
fn add_defined(
    sink: &mut impl Sink,
    relation: &QualifiedName,
    defined: &crate::model::Map<crate::model::DefinedKey, crate::model::Defined>,
    owner: &ObjectId,
) {
    for d in defined.values() {
        let schema = ObjectId::Schema {
            name: d.name.schema.clone(),
        };
        let deps = d.depends_on.iter().cloned().chain([owner.clone(), schema]);
        sink.add(d.id(relation), deps);
    }
}
