//! Schema B from A: random edits that schemadiff plans without annotations — columns added,
//! dropped, retyped (widening), defaults and NOT NULL changed; constraints, indexes,
//! triggers, policies, grants and comments added, dropped or changed; function bodies and
//! view queries changed; enum labels added; tables, partitions and views added or dropped.

use super::model::*;
use super::schema::Ctx;
use super::tables;

/// What the generators need to know of an existing schema.
pub fn ctx_of(db: &Db) -> Ctx {
    let mut cx = Ctx {
        schemas: vec!["public".into()],
        ..Ctx::default()
    };
    for e in &db.els {
        match &e.kind {
            Kind::Stmt { tag: "schema", .. } => cx
                .schemas
                .push(tables::schema_of(e.id.trim_start_matches("schema:"))),
            Kind::Stmt {
                tag: "domain", sql, ..
            } => cx.domains.push((
                e.id.clone(),
                if sql.contains(" AS integer") {
                    "integer"
                } else {
                    "text"
                },
            )),
            Kind::Stmt {
                tag: "composite", ..
            } => cx.composites.push(e.id.clone()),
            Kind::Stmt {
                tag: "sequence", ..
            } => cx.sequences.push(e.id.clone()),
            Kind::Stmt {
                tag: "collation", ..
            } => cx.collations.push(e.id.clone()),
            Kind::Stmt {
                tag: "range", sql, ..
            } => {
                let sub = [
                    "integer",
                    "numeric",
                    "date",
                    "timestamp with time zone",
                    "text",
                ]
                .into_iter()
                .find(|t| sql.contains(&format!("subtype = {t}")))
                .unwrap_or("bigint");
                cx.ranges.push((e.id.clone(), sub));
            }
            Kind::Stmt {
                tag: "aggregate", ..
            } => cx.aggs.push(e.id.clone()),
            Kind::Enum { labels, .. } => cx.enums.push((e.id.clone(), labels.clone())),
            Kind::Func {
                args,
                returns,
                attrs,
                ..
            } => {
                let role = match (args.as_str(), returns.as_str()) {
                    (_, "trigger") => "trigger",
                    (_, "event_trigger") => "event",
                    ("state integer, v integer", _) => "sfunc",
                    ("v text", _) => "norm",
                    ("", _) => "code",
                    _ if attrs.contains("IMMUTABLE") => "is_ok",
                    _ => "allowed",
                };
                cx.funcs.push((e.id.clone(), role));
            }
            _ => {}
        }
    }
    cx
}

/// B: A with 2 to 7 random edits, different from A.
pub fn edit(a: &Db, seed: u64) -> Db {
    let mut rng = Rng::new(seed ^ 0x00ed_17ed);
    let mut b = a.clone();
    b.editing = true;
    let n = rng.range(2, 7);
    let mut done = 0;
    let mut tries = 0;
    while (done < n || b.els == a.els) && tries < 200 {
        tries += 1;
        if one(&mut b, &mut rng) {
            done += 1;
        }
    }
    // Known gap (enum__value_added_while_table_and_view_dropped): a label added to an enum
    // whose columns a view of A reads (the view may be gone from B) is taken back.
    for e in &a.els {
        if let Kind::Enum { labels, .. } = &e.kind
            && a.dependents(&e.id)
                .iter()
                .any(|d| matches!(a.get(d).map(|x| &x.kind), Some(Kind::View { .. })))
            && let Some(Kind::Enum { labels: lb, .. }) =
                b.els.iter_mut().find(|x| x.id == e.id).map(|x| &mut x.kind)
        {
            *lb = labels.clone();
        }
    }
    sort(&mut b);
    b
}

/// Ids of the elements matching `f`.
fn ids(db: &Db, f: impl Fn(&El) -> bool) -> Vec<String> {
    db.els
        .iter()
        .filter(|e| f(e))
        .map(|e| e.id.clone())
        .collect()
}

fn plain_tables(db: &Db) -> Vec<String> {
    ids(db, |e| {
        matches!(
            &e.kind,
            Kind::Table {
                part: Part::Plain,
                ..
            }
        )
    })
}

fn has_children(db: &Db, table: &str) -> bool {
    db.els.iter().any(|e| matches!(&e.kind, Kind::Table { part: Part::Inherits { parent }, .. } if parent == table))
}

fn is_partitioned(db: &Db, id: &str) -> bool {
    matches!(
        db.get(id).map(|e| &e.kind),
        Some(Kind::Table {
            part: Part::Partitioned { .. },
            ..
        })
    )
}

/// One random edit; false when it did not apply.
fn one(b: &mut Db, rng: &mut Rng) -> bool {
    let cx = ctx_of(b);
    // Columns that edits may change: not pinned (partition keys), not serial.
    let cols = ids(
        b,
        |e| matches!(&e.kind, Kind::Column(c) if !e.pinned && !c.ty.contains("serial")),
    );
    let stmts = ids(
        b,
        |e| matches!(&e.kind, Kind::Stmt { tag, .. } if *tag != "schema"),
    );
    match rng.below(18) {
        0 | 1 => {
            let mut ts = plain_tables(b);
            ts.extend(ids(b, |e| {
                matches!(
                    &e.kind,
                    Kind::Table {
                        part: Part::Partitioned { .. },
                        ..
                    }
                )
            }));
            let Some(t) = pick(rng, &ts) else {
                return false;
            };
            tables::random_column(b, rng, &cx, &t, &format!("col:{t}"));
        }
        2 => {
            // Known gap (column__add_identity_to_inheritance_parent): an identity column cannot
            // be added back to a table with inheritance children.
            let droppable: Vec<String> = cols
                .iter()
                .filter(|id| match b.get(id).map(|e| &e.kind) {
                    Some(Kind::Column(c)) => c.identity.is_none() || !has_children(b, &c.table),
                    _ => false,
                })
                .cloned()
                .collect();
            let Some(c) = pick(rng, &droppable) else {
                return false;
            };
            b.remove(&c);
        }
        3 | 4 => {
            let Some(id) = pick(rng, &cols) else {
                return false;
            };
            return alter_column(b, rng, &id);
        }
        16 | 17 => return super::edits_kinds::one(b, rng, &cx),
        5 | 6 => {
            let alts = ids(b, |e| match &e.kind {
                Kind::Stmt { alt: None, .. } => false,
                // PostgreSQL cannot change a range type's subtype under a column
                // (range__changed_used_by_column_refused), nor a collation under a domain or
                // range type (collation__changed_definition_used_by_domain_refused).
                // Attributes of a composite that a column stores cannot change (the plan
                // refuses, like PostgreSQL; a designed refusal, not a gap).
                Kind::Stmt {
                    tag: "range" | "composite",
                    ..
                } => !b
                    .dependents(&e.id)
                    .iter()
                    .any(|d| matches!(b.get(d).map(|x| &x.kind), Some(Kind::Column(_)))),
                Kind::Stmt {
                    tag: "collation", ..
                } => !b.dependents(&e.id).iter().any(|d| {
                    matches!(
                        b.get(d).map(|x| &x.kind),
                        Some(Kind::Stmt {
                            tag: "domain" | "range",
                            ..
                        })
                    )
                }),
                Kind::Stmt { .. } => true,
                _ => false,
            });
            let Some(id) = pick(rng, &alts) else {
                return false;
            };
            let e = b.els.iter_mut().find(|e| e.id == id).unwrap();
            if let Kind::Stmt {
                sql,
                alt: Some(alt),
                ..
            } = &mut e.kind
            {
                std::mem::swap(sql, alt);
            }
        }
        7 => {
            let Some(id) = pick(rng, &stmts) else {
                return false;
            };
            b.remove(&id);
        }
        8 => {
            let fs = ids(b, |e| matches!(&e.kind, Kind::Func { .. }));
            let Some(id) = pick(rng, &fs) else {
                return false;
            };
            let e = b.els.iter_mut().find(|e| e.id == id).unwrap();
            if let Kind::Func { body, alt_body, .. } = &mut e.kind {
                std::mem::swap(body, alt_body);
            }
        }
        9 => {
            let vs = ids(b, |e| matches!(&e.kind, Kind::View { .. }));
            let Some(id) = pick(rng, &vs) else {
                return false;
            };
            let e = b.els.iter_mut().find(|e| e.id == id).unwrap();
            if let Kind::View {
                query, alt_query, ..
            } = &mut e.kind
            {
                std::mem::swap(query, alt_query);
            }
        }
        10 => {
            let es = ids(b, |e| matches!(&e.kind, Kind::Enum { .. }));
            let Some(id) = pick(rng, &es) else {
                return false;
            };
            let e = b.els.iter_mut().find(|e| e.id == id).unwrap();
            if let Kind::Enum { labels, .. } = &mut e.kind {
                let new = *rng.pick(&["added", "Added Label", "zzz", "it's new"]);
                if labels.iter().any(|l| l == new) {
                    return false;
                }
                let at = if rng.chance(50) {
                    labels.len()
                } else {
                    rng.below(labels.len())
                };
                labels.insert(at, new.to_string());
            }
        }
        11 => {
            let ts = plain_tables(b);
            tables::plain_table(b, &cx, rng, &ts);
        }
        12 => {
            let ts = ids(b, |e| matches!(&e.kind, Kind::Table { .. }));
            let Some(t) = pick(rng, &ts) else {
                return false;
            };
            b.remove(&t);
        }
        13 => return add_partition(b, rng),
        14 => {
            let mut rels = plain_tables(b);
            rels.extend(ids(b, |e| {
                matches!(
                    &e.kind,
                    Kind::View {
                        materialized: false,
                        ..
                    }
                )
            }));
            let Some(from) = pick(rng, &rels) else {
                return false;
            };
            let mat = rng.chance(30);
            return super::relations::view(b, rng, &cx, &from, mat).is_some();
        }
        _ => {
            let ts = plain_tables(b);
            let Some(t) = pick(rng, &ts) else {
                return false;
            };
            tables::extras(b, &cx, rng, &t);
        }
    }
    true
}

fn pick(rng: &mut Rng, items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| rng.pick(items).clone())
}

/// A widening type change, a default set, changed or dropped, or NOT NULL toggled.
fn alter_column(b: &mut Db, rng: &mut Rng, id: &str) -> bool {
    let e = b.els.iter_mut().find(|e| e.id == id).unwrap();
    let Kind::Column(c) = &mut e.kind else {
        return false;
    };
    match rng.below(3) {
        0 => {
            let wider = match c.ty.as_str() {
                "integer" => "bigint".to_string(),
                "numeric(10,2)" => "numeric(14,2)".to_string(),
                t if t.starts_with("varchar(") => {
                    let n: usize = t[8..t.len() - 1].parse().unwrap_or(10);
                    if rng.chance(50) {
                        format!("varchar({})", n + 20)
                    } else {
                        "text".to_string()
                    }
                }
                _ => return false,
            };
            if c.identity.is_some() && wider == "bigint" {
                c.ty = wider;
                return true;
            }
            if c.default.as_deref().is_some_and(|d| d.contains("nextval")) {
                return false;
            }
            c.ty = wider;
        }
        1 => {
            if c.identity.is_some() || c.generated.is_some() {
                return false;
            }
            let new = match c.ty.as_str() {
                "text" => Some("'other'".to_string()),
                "integer" | "bigint" => Some(format!("{}", rng.range(10, 99))),
                "boolean" => Some("false".into()),
                "timestamp with time zone" => Some("clock_timestamp()".into()),
                "date" => Some("'2024-01-01'::date".into()),
                "numeric(10,2)" => Some("1.50".into()),
                _ => None,
            };
            if c.default.is_some() && rng.chance(50) {
                c.default = None;
            } else if new.is_some() && new != c.default {
                c.default = new;
            } else {
                return false;
            }
        }
        _ => {
            if c.identity.is_some() {
                return false;
            }
            c.not_null = !c.not_null;
        }
    }
    true
}

/// A new range or list partition of a partitioned table.
fn add_partition(b: &mut Db, rng: &mut Rng) -> bool {
    let ps = ids(
        b,
        |e| matches!(&e.kind, Kind::Table { part: Part::Partitioned { by }, .. } if !by.starts_with("HASH")),
    );
    let Some(t) = pick(rng, &ps) else {
        return false;
    };
    let Some(Kind::Table {
        part: Part::Partitioned { by },
        ..
    }) = b.get(&t).map(|e| e.kind.clone())
    else {
        return false;
    };
    let k = rng.range(0, 5);
    let bound = if by.starts_with("RANGE") {
        format!(
            "FOR VALUES FROM ('{}-01-01') TO ('{}-01-01')",
            2040 + 2 * k,
            2041 + 2 * k
        )
    } else {
        format!("FOR VALUES IN ('new {k}')")
    };
    let taken = b.els.iter().any(|e| matches!(&e.kind, Kind::Table { part: Part::PartitionOf { bound: o, .. }, .. } if *o == bound));
    if taken || !is_partitioned(b, &t) {
        return false;
    }
    let schema = tables::schema_of(&t);
    let name = b.name(&format!("rel:{schema}"), &["new part", "Part2", "p"], rng);
    let qn = qname(&schema, &name);
    let key = b
        .columns(&t)
        .iter()
        .find(|c| c.name != "id")
        .map(|c| col_id(&t, &c.name))
        .unwrap();
    b.push(
        qn.clone(),
        vec![t.clone(), key],
        Kind::Table {
            q: qn,
            part: Part::PartitionOf { parent: t, bound },
            unlogged: false,
        },
    );
    true
}

/// Stable topological order: every element after what it depends on.
pub fn sort(db: &mut Db) {
    let mut done = std::collections::BTreeSet::new();
    let mut rest = std::mem::take(&mut db.els);
    while !rest.is_empty() {
        let before = rest.len();
        let mut next = Vec::new();
        for e in rest {
            if e.deps.iter().all(|d| done.contains(d)) {
                done.insert(e.id.clone());
                db.els.push(e);
            } else {
                next.push(e);
            }
        }
        rest = next;
        if rest.len() == before {
            // What is left depends on something that no longer exists: it goes with it.
            break;
        }
    }
}
