//! Turns a catalog into dump statements plus "must run after" edges.

use super::{DumpKind, DumpStatement};
use crate::ddl::{
    DdlError, collation, comment, composite, domain, enum_type, extension, function,
    grant::{self, Target},
    schema, sequence, view,
};
use crate::model::{Catalog, Grant, ObjectId};
use std::collections::{BTreeSet, HashMap};

/// A statement and its position among the statements of the same (kind, object).
pub(crate) struct Node {
    pub stmt: DumpStatement,
    pub position: usize,
}

pub(crate) struct Nodes {
    pub nodes: Vec<Node>,
    /// `(a, b)`: node a runs before node b.
    pub edges: Vec<(usize, usize)>,
}

enum Dep {
    Object(ObjectId),
    Node(usize),
}

/// PostgreSQL 15's comment on the `public` schema of a new database.
const PUBLIC_SCHEMA_COMMENT: &str = "standard public schema";

/// The privileges the `public` schema has in a new PostgreSQL 15 database (owner
/// pg_database_owner: USAGE and CREATE; PUBLIC: USAGE).
fn is_default_public_grant(g: &Grant) -> bool {
    !g.with_grant_option
        && matches!(
            (g.grantee.as_str(), g.privilege.as_str()),
            ("PUBLIC", "USAGE") | ("pg_database_owner", "USAGE" | "CREATE")
        )
}

pub(super) struct Builder<'a> {
    pub catalog: &'a Catalog,
    nodes: Vec<Node>,
    deps: Vec<(usize, Dep)>,
    creates: HashMap<ObjectId, usize>,
    positions: HashMap<(DumpKind, ObjectId), usize>,
}

impl<'a> Builder<'a> {
    pub(super) fn push(&mut self, id: ObjectId, kind: DumpKind, sql: String) -> usize {
        let position = self.positions.entry((kind, id.clone())).or_insert(0);
        let node = Node {
            stmt: DumpStatement {
                id,
                kind,
                sql,
                note: None,
            },
            position: *position,
        };
        *position += 1;
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Pushes the statement that creates `id`; later dependencies on `id` point at it.
    pub(super) fn create(&mut self, id: ObjectId, kind: DumpKind, sql: String) -> usize {
        let n = self.push(id.clone(), kind, sql);
        self.creates.insert(id, n);
        n
    }

    pub(super) fn after(&mut self, node: usize, dep: ObjectId) {
        self.deps.push((node, Dep::Object(dep)));
    }

    pub(super) fn after_all<'b>(
        &mut self,
        node: usize,
        deps: impl IntoIterator<Item = &'b ObjectId>,
    ) {
        for d in deps {
            self.after(node, d.clone());
        }
    }

    pub(super) fn after_node(&mut self, node: usize, dep: usize) {
        self.deps.push((node, Dep::Node(dep)));
    }

    pub(super) fn in_schema(&mut self, node: usize, schema: &str) {
        self.after(
            node,
            ObjectId::Schema {
                name: schema.to_string(),
            },
        );
    }

    /// A comment statement on `id` (skipped when there is no comment), after `owner`.
    pub(super) fn comment(&mut self, id: ObjectId, sql: Option<String>, owner: usize) {
        if let Some(sql) = sql {
            let n = self.push(id, DumpKind::Comment, sql);
            self.after_node(n, owner);
        }
    }

    pub(super) fn grants(
        &mut self,
        id: &ObjectId,
        target: Target<'_>,
        grants: &crate::model::Set<Grant>,
        owner: usize,
    ) {
        // PUBLIC's default privilege (EXECUTE on functions, USAGE on types) is implied by
        // CREATE; its absence is a REVOKE.
        let default = grant::public_default(target);
        if let Some(d) = &default
            && !grants.contains(d)
        {
            let sql = grant::revoke_public_default(target).unwrap_or_default();
            let n = self.push(id.clone(), DumpKind::Grant, sql);
            self.after_node(n, owner);
        }
        for g in grants.iter().filter(|g| Some(*g) != default.as_ref()) {
            let n = self.push(id.clone(), DumpKind::Grant, grant::grant(target, g));
            self.after_node(n, owner);
        }
    }

    /// The node a dependency on `id` waits for; objects we do not dump (system objects,
    /// extension members, the public schema) resolve to nothing.
    pub(super) fn resolve(&self, id: &ObjectId) -> Option<usize> {
        if let Some(&n) = self.creates.get(id) {
            return Some(n);
        }
        match id {
            ObjectId::Column { table, .. } => self
                .creates
                .get(&ObjectId::Table {
                    name: table.clone(),
                })
                .or_else(|| {
                    self.creates.get(&ObjectId::View {
                        name: table.clone(),
                    })
                })
                .or_else(|| {
                    self.creates.get(&ObjectId::MaterializedView {
                        name: table.clone(),
                    })
                })
                .copied(),
            // A constraint's index is created by the constraint.
            ObjectId::Index { table, name } => self
                .creates
                .get(&ObjectId::Constraint {
                    table: table.clone(),
                    name: name.clone(),
                })
                .copied(),
            ObjectId::View { name } => self
                .creates
                .get(&ObjectId::MaterializedView { name: name.clone() })
                .copied(),
            ObjectId::MaterializedView { name } => self
                .creates
                .get(&ObjectId::View { name: name.clone() })
                .copied(),
            _ => None,
        }
    }

    fn finish(self) -> Nodes {
        let mut edges = BTreeSet::new();
        for (node, dep) in &self.deps {
            let target = match dep {
                Dep::Object(id) => self.resolve(id),
                Dep::Node(n) => Some(*n),
            };
            if let Some(t) = target.filter(|t| t != node) {
                edges.insert((t, *node));
            }
        }
        Nodes {
            nodes: self.nodes,
            edges: edges.into_iter().collect(),
        }
    }
}

/// A short human name of an object for messages: `table public.orders`.
pub(crate) fn describe(id: &ObjectId) -> String {
    match id {
        ObjectId::Schema { name } => format!("schema {}", crate::model::quote_ident(name)),
        ObjectId::Extension { name } => format!("extension {name}"),
        ObjectId::Collation { name } => format!("collation {name}"),
        ObjectId::Type { name } => format!("type {name}"),
        ObjectId::Sequence { name } => format!("sequence {name}"),
        ObjectId::Table { name } => format!("table {name}"),
        ObjectId::View { name } => format!("view {name}"),
        ObjectId::MaterializedView { name } => format!("materialized view {name}"),
        ObjectId::Column { table, column } => format!("column {table}.{column}"),
        ObjectId::Function { id } => format!("function {id}"),
        ObjectId::Index { table, name } => format!("index {name} on {table}"),
        ObjectId::Constraint { table, name } => format!("constraint {name} on {table}"),
        ObjectId::DomainConstraint { domain, name } => format!("constraint {name} on {domain}"),
        ObjectId::Trigger { table, name } => format!("trigger {name} on {table}"),
        ObjectId::Policy { table, name } => format!("policy {name} on {table}"),
        ObjectId::Statistics { table, name } => format!("statistics {name} on {table}"),
        ObjectId::Rule { table, name } => format!("rule {name} on {table}"),
        ObjectId::DefaultPrivileges { .. }
        | ObjectId::Publication { .. }
        | ObjectId::EventTrigger { .. }
        | ObjectId::AccessMethod { .. } => id.to_string(),
    }
}

pub(crate) fn collect(catalog: &Catalog) -> Result<Nodes, DdlError> {
    let mut b = Builder {
        catalog,
        nodes: Vec::new(),
        deps: Vec::new(),
        creates: HashMap::new(),
        positions: HashMap::new(),
    };
    schemas(&mut b);
    extensions(&mut b);
    types(&mut b);
    sequences(&mut b);
    for t in catalog.tables.values() {
        super::tables::table(&mut b, t)?;
    }
    views(&mut b)?;
    functions(&mut b);
    for d in &catalog.default_privileges {
        let id = ObjectId::DefaultPrivileges {
            role: d.role.clone(),
            schema: d.schema.clone(),
            object_type: d.object_type.clone(),
        };
        for sql in crate::ddl::default_privileges::create(d) {
            let n = b.push(id.clone(), DumpKind::DefaultPrivileges, sql);
            if let Some(s) = &d.schema {
                b.in_schema(n, s);
            }
        }
    }
    super::publication::publications(&mut b);
    super::event_trigger::event_triggers(&mut b);
    Ok(b.finish())
}

fn schemas(b: &mut Builder<'_>) {
    for s in b.catalog.schemas.values() {
        let id = ObjectId::Schema {
            name: s.name.clone(),
        };
        if s.name == "public" {
            // Every database already has it: write only how it differs from a new one.
            if s.comment.as_deref() != Some(PUBLIC_SCHEMA_COMMENT) {
                b.push(
                    id.clone(),
                    DumpKind::Comment,
                    comment::on(&id, s.comment.as_deref()),
                );
            }
            for g in s.grants.iter().filter(|g| !is_default_public_grant(g)) {
                b.push(
                    id.clone(),
                    DumpKind::Grant,
                    grant::grant(Target::Schema("public"), g),
                );
            }
            let public_usage = Grant {
                grantee: "PUBLIC".into(),
                privilege: "USAGE".into(),
                with_grant_option: false,
            };
            if !s.grants.contains(&public_usage) {
                b.push(
                    id.clone(),
                    DumpKind::Grant,
                    grant::revoke(Target::Schema("public"), &public_usage),
                );
            }
            continue;
        }
        let n = b.create(id.clone(), DumpKind::Schema, schema::create(&s.name));
        b.comment(
            id.clone(),
            s.comment.as_deref().map(|c| comment::on(&id, Some(c))),
            n,
        );
        b.grants(&id, Target::Schema(&s.name), &s.grants, n);
    }
}

fn extensions(b: &mut Builder<'_>) {
    for e in b.catalog.extensions.values() {
        // Installed in every new database (template1); creating it again would fail.
        if e.name == "plpgsql" && e.schema == "pg_catalog" {
            continue;
        }
        let id = ObjectId::Extension {
            name: e.name.clone(),
        };
        let n = b.create(id.clone(), DumpKind::Extension, extension::create(e));
        b.in_schema(n, &e.schema);
        b.comment(
            id.clone(),
            e.comment.as_deref().map(|c| comment::on(&id, Some(c))),
            n,
        );
    }
    // Access methods go with the extensions: before the tables made `USING` them (which
    // wait for them through their `depends_on`), after a handler of the managed schemas.
    for a in b.catalog.access_methods.values() {
        let id = ObjectId::AccessMethod {
            name: a.name.clone(),
        };
        let n = b.create(
            id.clone(),
            DumpKind::Extension,
            crate::ddl::access_method::create(a),
        );
        b.after(
            n,
            ObjectId::Function {
                id: crate::model::FunctionId {
                    schema: a.handler.schema.clone(),
                    name: a.handler.name.clone(),
                    args: "internal".to_string(),
                },
            },
        );
        b.comment(
            id.clone(),
            a.comment.as_deref().map(|c| comment::on(&id, Some(c))),
            n,
        );
    }
}

fn types(b: &mut Builder<'_>) {
    let c = b.catalog;
    // Collations first: domains, composites and columns name them.
    for co in c.collations.values() {
        let id = ObjectId::Collation {
            name: co.name.clone(),
        };
        let n = b.create(id.clone(), DumpKind::Type, collation::create(co));
        b.in_schema(n, &co.name.schema);
        b.comment(
            id.clone(),
            co.comment.as_deref().map(|t| comment::on(&id, Some(t))),
            n,
        );
    }
    for e in c.enums.values() {
        let id = ObjectId::Type {
            name: e.name.clone(),
        };
        let n = b.create(id.clone(), DumpKind::Type, enum_type::create(e));
        b.in_schema(n, &e.name.schema);
        b.after_all(n, &e.depends_on);
        b.comment(
            id.clone(),
            e.comment.as_deref().map(|t| comment::on(&id, Some(t))),
            n,
        );
        b.grants(&id, Target::Type(&e.name), &e.grants, n);
    }
    for d in c.domains.values() {
        let id = ObjectId::Type {
            name: d.name.clone(),
        };
        let n = b.create(id.clone(), DumpKind::Type, domain::create(d));
        b.in_schema(n, &d.name.schema);
        b.after_all(n, &d.depends_on);
        for check in d.checks.values() {
            let check_id = ObjectId::DomainConstraint {
                domain: d.name.clone(),
                name: check.name.clone(),
            };
            let owner = if check.validated {
                n
            } else {
                // A NOT VALID check cannot be declared in CREATE DOMAIN.
                let k = b.create(
                    check_id.clone(),
                    DumpKind::Type,
                    domain::add_check(&d.name, check),
                );
                b.after_node(k, n);
                k
            };
            let text = check.comment.as_deref();
            b.comment(
                check_id.clone(),
                text.map(|t| comment::on(&check_id, Some(t))),
                owner,
            );
        }
        b.comment(
            id.clone(),
            d.comment
                .as_deref()
                .map(|t| comment::domain(&d.name, Some(t))),
            n,
        );
        b.grants(&id, Target::Domain(&d.name), &d.grants, n);
    }
    for r in c.ranges.values() {
        let id = ObjectId::Type {
            name: r.name.clone(),
        };
        let n = b.create(id.clone(), DumpKind::Type, crate::ddl::range::create(r));
        b.in_schema(n, &r.name.schema);
        b.after_all(n, &r.depends_on);
        b.comment(
            id.clone(),
            r.comment.as_deref().map(|x| comment::on(&id, Some(x))),
            n,
        );
        b.grants(&id, Target::Type(&r.name), &r.grants, n);
    }
    for t in c.composites.values() {
        let id = ObjectId::Type {
            name: t.name.clone(),
        };
        let n = b.create(id.clone(), DumpKind::Type, composite::create(t));
        b.in_schema(n, &t.name.schema);
        b.after_all(n, &t.depends_on);
        b.comment(
            id.clone(),
            t.comment.as_deref().map(|x| comment::on(&id, Some(x))),
            n,
        );
        b.grants(&id, Target::Type(&t.name), &t.grants, n);
    }
}

fn sequences(b: &mut Builder<'_>) {
    let c = b.catalog;
    for s in c.sequences.values() {
        let owner_column = s
            .owned_by
            .as_ref()
            .and_then(|(t, col)| c.tables.get(t).and_then(|t| t.column(col)));
        // An identity column's sequence comes with the column.
        if owner_column.is_some_and(|col| col.identity.is_some()) {
            continue;
        }
        let id = ObjectId::Sequence {
            name: s.name.clone(),
        };
        let n = b.create(id.clone(), DumpKind::Sequence, sequence::create(s));
        b.in_schema(n, &s.name.schema);
        b.after_all(n, &s.depends_on);
        if let Some((table, column)) = &s.owned_by {
            // OWNED BY needs the table, whose default needs the sequence: a separate step.
            let o = b.push(
                id.clone(),
                DumpKind::TableOption,
                sequence::owned_by(&s.name, Some((table, column))),
            );
            b.after_node(o, n);
            b.after(
                o,
                ObjectId::Table {
                    name: table.clone(),
                },
            );
        }
        b.comment(
            id.clone(),
            s.comment.as_deref().map(|x| comment::on(&id, Some(x))),
            n,
        );
        b.grants(&id, Target::Sequence(&s.name), &s.grants, n);
    }
}

fn views(b: &mut Builder<'_>) -> Result<(), crate::ddl::DdlError> {
    for v in b.catalog.views.values() {
        let id = if v.materialized {
            ObjectId::MaterializedView {
                name: v.name.clone(),
            }
        } else {
            ObjectId::View {
                name: v.name.clone(),
            }
        };
        let n = b.create(id.clone(), DumpKind::View, view::create_any(v));
        b.in_schema(n, &v.name.schema);
        b.after_all(n, &v.depends_on);
        for i in v.indexes.values() {
            super::tables::index(b, &v.name, i, n);
        }
        super::tables::triggers(b, &v.name, &v.triggers, n)?;
        super::defined::defined(b, &v.name, &v.defined, n);
        b.comment(
            id.clone(),
            v.comment.as_deref().map(|x| comment::on(&id, Some(x))),
            n,
        );
        for col in &v.columns {
            let col_id = ObjectId::Column {
                table: v.name.clone(),
                column: col.name.clone(),
            };
            let text = col.comment.as_deref();
            b.comment(
                col_id.clone(),
                text.map(|x| comment::on(&col_id, Some(x))),
                n,
            );
        }
        b.grants(&id, Target::Table(&v.name), &v.grants, n);
    }
    Ok(())
}

fn functions(b: &mut Builder<'_>) {
    for f in b.catalog.functions.values() {
        let id = ObjectId::Function { id: f.id.clone() };
        let n = b.create(id.clone(), DumpKind::Function, function::create(f));
        b.in_schema(n, &f.id.schema);
        b.after_all(n, &f.depends_on);
        let text = f.comment.as_deref();
        b.comment(
            id.clone(),
            text.map(|x| comment::function(&f.id, f.kind, Some(x))),
            n,
        );
        b.grants(&id, Target::Function(&f.id, f.kind), &f.grants, n);
    }
}

impl Builder<'_> {
    pub(super) fn note(&mut self, node: usize, note: &str) {
        if let Some(n) = self.nodes.get_mut(node) {
            n.stmt.note = Some(note.to_string());
        }
    }
}
