//! What a generated schema is made of: a list of elements in creation order, each with an id
//! and the ids it depends on, rendered to SQL that plain psql loads. Edits and the shrinker
//! work on this list; only [`render`] knows SQL syntax for the structured kinds.

use schemadiff::model::quote_ident;
use std::collections::{BTreeMap, BTreeSet};

/// A small seeded PRNG (splitmix64): the same seed gives the same schema on every machine.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5eed_5c4e_3ad1_ff00)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// lo..=hi.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `pct` %.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How a table stands to others.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Plain,
    /// `PARTITION BY <by>`; the key columns are pinned.
    Partitioned {
        by: String,
    },
    /// `PARTITION OF <parent> <bound>` (no columns of its own).
    PartitionOf {
        parent: String,
        bound: String,
    },
    /// `INHERITS (<parent>)`.
    Inherits {
        parent: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The table's id (its rendered qualified name).
    pub table: String,
    pub name: String,
    pub ty: String,
    pub not_null: bool,
    pub default: Option<String>,
    /// `ALWAYS` or `BY DEFAULT`.
    pub identity: Option<&'static str>,
    /// A stored generated column's expression.
    pub generated: Option<String>,
    /// `COLLATE <collation id>`.
    pub collate: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Table {
        q: String,
        part: Part,
        unlogged: bool,
    },
    Column(Column),
    Enum {
        q: String,
        labels: Vec<String>,
    },
    Func {
        q: String,
        /// Arguments as declared, and their types alone (for COMMENT / GRANT).
        args: String,
        argtypes: String,
        returns: String,
        attrs: String,
        body: String,
        /// Another body with the same signature, for an edit.
        alt_body: String,
    },
    View {
        q: String,
        materialized: bool,
        query: String,
        /// Another query with the same leading output columns, for an edit.
        alt_query: String,
        cols: Vec<String>,
    },
    /// Any other statement (schema, type, sequence, constraint, index, trigger, policy,
    /// comment, grant, ALTER): `alt` is another version of the same object, for an edit.
    Stmt {
        tag: &'static str,
        sql: String,
        alt: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct El {
    pub id: String,
    pub deps: Vec<String>,
    /// Not removable alone (a partition key column): only with what it depends on.
    pub pinned: bool,
    pub kind: Kind,
}

/// A generated schema: elements in creation order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Db {
    pub els: Vec<El>,
    used: BTreeMap<String, BTreeSet<String>>,
    counter: usize,
    /// B is being made from A (what A must not have yet: see table_opts.rs).
    pub editing: bool,
}

/// Name pools: mixed case, spaces, quotes, keywords, non-ASCII.
pub const SCHEMAS: &[&str] = &["app", "Sales Dept", "select", "billing", "Ünïcødé"];
pub const RELS: &[&str] = &[
    "orders",
    "Customer",
    "line items",
    "user",
    "order",
    "Order\"Quote",
    "group",
    "MixedCase",
    "events",
    "accounts",
    "ünïcode",
    "table",
    "audit log",
];
pub const COLS: &[&str] = &[
    "id",
    "Name",
    "select",
    "from",
    "created at",
    "note\"s",
    "amount",
    "status",
    "user",
    "CamelCol",
    "qty",
    "label",
    "tags",
    "päyload",
    "default",
];
pub const FUNCS: &[&str] = &["norm", "Next Code", "is_ok", "touch", "calc", "check"];

impl Db {
    /// A fresh name in `scope` (one namespace): the pool's name if still free, else with a
    /// numeric suffix.
    pub fn name(&mut self, scope: &str, pool: &[&str], rng: &mut Rng) -> String {
        let base = *rng.pick(pool);
        let used = self.used.entry(scope.to_string()).or_default();
        let mut name = base.to_string();
        while used.contains(&name) {
            self.counter += 1;
            name = format!("{base}_{}", self.counter);
        }
        used.insert(name.clone());
        name
    }

    /// Reserve a name the server gives implicitly (an identity column's sequence).
    pub fn reserve(&mut self, scope: &str, name: String) {
        self.used.entry(scope.to_string()).or_default().insert(name);
    }

    pub fn push(&mut self, id: String, deps: Vec<String>, kind: Kind) -> String {
        self.els.push(El {
            id: id.clone(),
            deps,
            pinned: false,
            kind,
        });
        id
    }

    pub fn stmt(&mut self, tag: &'static str, deps: Vec<String>, sql: String, alt: Option<String>) {
        self.counter += 1;
        let id = format!("{tag}#{}", self.counter);
        self.push(id, deps, Kind::Stmt { tag, sql, alt });
    }

    pub fn get(&self, id: &str) -> Option<&El> {
        self.els.iter().find(|e| e.id == id)
    }

    pub fn columns(&self, table: &str) -> Vec<&Column> {
        self.els
            .iter()
            .filter_map(|e| match &e.kind {
                Kind::Column(c) if c.table == table => Some(c),
                _ => None,
            })
            .collect()
    }

    /// Ids of `id` and everything that depends on it, transitively.
    pub fn dependents(&self, id: &str) -> BTreeSet<String> {
        let mut gone = BTreeSet::from([id.to_string()]);
        for e in &self.els {
            if e.deps.iter().any(|d| gone.contains(d)) {
                gone.insert(e.id.clone());
            }
        }
        gone
    }

    /// Remove `id` and everything that depends on it.
    pub fn remove(&mut self, id: &str) {
        let gone = self.dependents(id);
        self.els.retain(|e| !gone.contains(&e.id));
    }
}

/// `schema.name`, both quoted.
pub fn qname(schema: &str, name: &str) -> String {
    format!("{}.{}", quote_ident(schema), quote_ident(name))
}

pub fn q(name: &str) -> String {
    quote_ident(name)
}

/// The column's id.
pub fn col_id(table: &str, name: &str) -> String {
    format!("{table}.{}", q(name))
}

fn column_sql(c: &Column) -> String {
    let mut s = format!("{} {}", q(&c.name), c.ty);
    if let Some(coll) = &c.collate {
        s += &format!(" COLLATE {coll}");
    }
    if let Some(g) = &c.generated {
        s += &format!(" GENERATED ALWAYS AS ({g}) STORED");
    }
    if let Some(i) = c.identity {
        s += &format!(" GENERATED {i} AS IDENTITY");
    }
    if let Some(d) = &c.default {
        s += &format!(" DEFAULT {d}");
    }
    if c.not_null {
        s += " NOT NULL";
    }
    s
}

/// The schema as psql-loadable SQL. A column is written inside its table's CREATE TABLE when
/// everything it needs comes before the table, else as ALTER TABLE ADD COLUMN where it stands.
pub fn render(db: &Db) -> String {
    let pos: BTreeMap<&str, usize> = db
        .els
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let inline = |e: &El, c: &Column| {
        let t = pos[c.table.as_str()];
        e.deps
            .iter()
            .all(|d| pos.get(d.as_str()).is_some_and(|&p| p <= t))
    };
    let mut out = String::new();
    for e in &db.els {
        match &e.kind {
            Kind::Table {
                q: name,
                part,
                unlogged,
            } => {
                let cols: Vec<String> = db
                    .els
                    .iter()
                    .filter_map(|ce| match &ce.kind {
                        Kind::Column(c) if c.table == e.id && inline(ce, c) => Some(column_sql(c)),
                        _ => None,
                    })
                    .collect();
                let unlogged = if *unlogged { "UNLOGGED " } else { "" };
                match part {
                    Part::PartitionOf { parent, bound } => {
                        out += &format!("CREATE TABLE {name} PARTITION OF {parent} {bound};\n")
                    }
                    _ => {
                        out += &format!(
                            "CREATE {unlogged}TABLE {name} (\n    {}\n)",
                            cols.join(",\n    ")
                        );
                        match part {
                            Part::Partitioned { by } => out += &format!(" PARTITION BY {by}"),
                            Part::Inherits { parent } => out += &format!(" INHERITS ({parent})"),
                            _ => {}
                        }
                        out += ";\n";
                    }
                }
            }
            Kind::Column(c) => {
                if !inline(e, c) {
                    out += &format!("ALTER TABLE {} ADD COLUMN {};\n", c.table, column_sql(c));
                }
            }
            Kind::Enum { q: name, labels } => {
                let labels: Vec<String> = labels.iter().map(|l| lit(l)).collect();
                out += &format!("CREATE TYPE {name} AS ENUM ({});\n", labels.join(", "));
            }
            Kind::Func {
                q: name,
                args,
                returns,
                attrs,
                body,
                ..
            } => {
                out += &format!(
                    "CREATE FUNCTION {name}({args}) RETURNS {returns} {attrs}\n    AS $fn${body}$fn$;\n"
                );
            }
            Kind::View {
                q: name,
                materialized,
                query,
                ..
            } => {
                let m = if *materialized { "MATERIALIZED " } else { "" };
                out += &format!("CREATE {m}VIEW {name} AS\n    {query};\n");
            }
            Kind::Stmt { sql, .. } => {
                out += sql;
                out += ";\n";
            }
        }
    }
    out
}

/// A string literal.
pub fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}
