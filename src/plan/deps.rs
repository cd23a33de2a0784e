//! Dependencies of every object in a catalog: what `pg_depend` recorded, plus the structure
//! the model implies (an object needs its schema, a column its table, a foreign key the
//! referenced table's keys, a partition its parent).

use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
pub struct DepIndex {
    /// object -> objects it depends on.
    pub deps: BTreeMap<ObjectId, BTreeSet<ObjectId>>,
    /// object -> objects that depend on it.
    pub dependents: BTreeMap<ObjectId, BTreeSet<ObjectId>>,
}

impl DepIndex {
    pub fn new(cat: &Catalog) -> Self {
        let mut idx = DepIndex::default();
        idx.build(cat);
        let mut dependents: BTreeMap<ObjectId, BTreeSet<ObjectId>> = BTreeMap::new();
        for (obj, deps) in &idx.deps {
            for d in deps {
                dependents.entry(d.clone()).or_default().insert(obj.clone());
            }
        }
        idx.dependents = dependents;
        idx
    }

    pub fn deps_of(&self, id: &ObjectId) -> impl Iterator<Item = &ObjectId> {
        self.deps.get(id).into_iter().flatten()
    }

    pub fn dependents_of(&self, id: &ObjectId) -> impl Iterator<Item = &ObjectId> {
        self.dependents.get(id).into_iter().flatten()
    }

    pub fn contains(&self, id: &ObjectId) -> bool {
        self.deps.contains_key(id)
    }

    fn add(&mut self, id: ObjectId, deps: impl IntoIterator<Item = ObjectId>) {
        let entry = self.deps.entry(id.clone()).or_default();
        entry.extend(deps.into_iter().filter(|d| *d != id));
    }

    fn build(&mut self, cat: &Catalog) {
        let schema = |s: &str| ObjectId::Schema {
            name: s.to_string(),
        };
        for s in cat.schemas.values() {
            self.add(schema(&s.name), []);
        }
        for e in cat.extensions.values() {
            self.add(
                ObjectId::Extension {
                    name: e.name.clone(),
                },
                [schema(&e.schema)],
            );
        }
        for t in cat.enums.values() {
            let deps = t.depends_on.iter().cloned().chain([schema(&t.name.schema)]);
            self.add(
                ObjectId::Type {
                    name: t.name.clone(),
                },
                deps,
            );
        }
        for d in cat.domains.values() {
            let deps = d.depends_on.iter().cloned().chain([schema(&d.name.schema)]);
            self.add(
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
                self.add(
                    cid,
                    [ObjectId::Type {
                        name: d.name.clone(),
                    }],
                );
            }
        }
        for c in cat.composites.values() {
            let deps = c.depends_on.iter().cloned().chain([schema(&c.name.schema)]);
            self.add(
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
            self.add(
                ObjectId::Sequence {
                    name: s.name.clone(),
                },
                deps,
            );
        }
        for t in cat.tables.values() {
            self.add_table(cat, t);
        }
        for v in cat.views.values() {
            let id = crate::diff::view_id(v);
            let deps = v.depends_on.iter().cloned().chain([schema(&v.name.schema)]);
            self.add(id.clone(), deps);
            for c in &v.columns {
                let cid = ObjectId::Column {
                    table: v.name.clone(),
                    column: c.name.clone(),
                };
                self.add(cid, [id.clone()]);
            }
            for i in v.indexes.values() {
                let iid = ObjectId::Index {
                    table: v.name.clone(),
                    name: i.name.clone(),
                };
                self.add(iid, i.depends_on.iter().cloned().chain([id.clone()]));
            }
            for x in v.triggers.values() {
                let tid = ObjectId::Trigger {
                    table: v.name.clone(),
                    name: x.name.clone(),
                };
                self.add(tid, x.depends_on.iter().cloned().chain([id.clone()]));
            }
        }
        for f in cat.functions.values() {
            let deps = f.depends_on.iter().cloned().chain([schema(&f.id.schema)]);
            self.add(ObjectId::Function { id: f.id.clone() }, deps);
        }
    }

    fn add_table(&mut self, cat: &Catalog, t: &Table) {
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
        self.add(tid.clone(), deps);
        for c in &t.columns {
            let cid = ObjectId::Column {
                table: t.name.clone(),
                column: c.name.clone(),
            };
            self.add(cid, c.depends_on.iter().cloned().chain([tid.clone()]));
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
                                matches!(
                                    k.kind,
                                    ConstraintKind::PrimaryKey | ConstraintKind::Unique
                                )
                            })
                            .map(|k| ObjectId::Constraint {
                                table: r.clone(),
                                name: k.name.clone(),
                            }),
                    );
                    deps.extend(rt.indexes.values().filter(|i| i.unique).map(|i| {
                        ObjectId::Index {
                            table: r.clone(),
                            name: i.name.clone(),
                        }
                    }));
                }
            }
            self.add(cid, deps);
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
            self.add(id, deps.iter().cloned().chain([tid.clone()]));
        }
    }
}
