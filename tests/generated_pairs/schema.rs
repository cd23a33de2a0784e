//! Schema A: several schemas with odd names, types (enums, domains, composites), sequences,
//! functions used by defaults, CHECKs, indexes, policies and triggers, plain, partitioned and
//! inheriting tables with every column feature, keys and FKs with actions, views on views,
//! materialized views with indexes, RLS with policies, grants and comments.

use super::model::*;

/// Roles the test cluster has (tests/common: TEST_ROLES), and PUBLIC.
pub const ROLES: &[&str] = &["schemadiff_reader", "schemadiff_writer", "PUBLIC"];

/// What a generator knows of the schema so far (ids, to refer to).
#[derive(Default)]
pub struct Ctx {
    pub schemas: Vec<String>,
    pub enums: Vec<(String, Vec<String>)>,
    pub domains: Vec<(String, &'static str)>,
    pub composites: Vec<String>,
    pub sequences: Vec<String>,
    /// (id, role): norm (text -> text), is_ok (int -> bool), code (() -> text), trigger.
    pub funcs: Vec<(String, &'static str)>,
    pub collations: Vec<String>,
    /// (id, subtype).
    pub ranges: Vec<(String, &'static str)>,
    /// Aggregates over integer.
    pub aggs: Vec<String>,
}

impl Ctx {
    pub fn func(&self, role: &str, rng: &mut Rng) -> Option<String> {
        let f: Vec<&String> = self
            .funcs
            .iter()
            .filter(|f| f.1 == role)
            .map(|f| &f.0)
            .collect();
        (!f.is_empty()).then(|| rng.pick(&f).to_string())
    }
}

pub fn generate(seed: u64) -> Db {
    let mut rng = Rng::new(seed);
    let mut db = Db::default();
    let mut cx = Ctx {
        schemas: vec!["public".into()],
        ..Ctx::default()
    };
    for _ in 0..rng.range(1, 3) {
        let name = db.name("schemas", SCHEMAS, &mut rng);
        let id = db.push(
            format!("schema:{}", q(&name)),
            vec![],
            Kind::Stmt {
                tag: "schema",
                sql: format!("CREATE SCHEMA {}", q(&name)),
                alt: None,
            },
        );
        if rng.chance(40) {
            let on = format!("SCHEMA {}", q(&name));
            comment(&mut db, &mut rng, id.clone(), on);
        }
        if rng.chance(40) {
            let sql = format!("GRANT USAGE ON SCHEMA {} TO schemadiff_reader", q(&name));
            let alt = format!(
                "GRANT USAGE, CREATE ON SCHEMA {} TO schemadiff_reader",
                q(&name)
            );
            db.stmt("grant", vec![id], sql, Some(alt));
        }
        cx.schemas.push(name);
    }
    super::kinds::default_privileges(&mut db, &cx, &mut rng);
    super::kinds::collations(&mut db, &mut cx, &mut rng);
    types(&mut db, &mut cx, &mut rng);
    super::kinds::ranges(&mut db, &mut cx, &mut rng);
    functions(&mut db, &mut cx, &mut rng);
    super::kinds::aggregate(&mut db, &mut cx, &mut rng);
    super::kinds::procedure(&mut db, &cx, &mut rng);
    if rng.chance(30) {
        super::kinds::event_trigger(&mut db, &cx, &mut rng);
    }
    let mut tables = Vec::new();
    for _ in 0..rng.range(2, 5) {
        tables.push(super::tables::plain_table(&mut db, &cx, &mut rng, &tables));
    }
    if rng.chance(70) {
        super::relations::partitioned(&mut db, &cx, &mut rng);
    }
    if rng.chance(50) {
        let parent = rng.pick(&tables).clone();
        super::relations::inheriting(&mut db, &cx, &mut rng, &parent);
    }
    let mut rels = tables.clone();
    for _ in 0..rng.range(1, 3) {
        let from = rng.pick(&rels).clone();
        if let Some(v) = super::relations::view(&mut db, &mut rng, &cx, &from, false) {
            rels.push(v);
        }
    }
    if rng.chance(70) {
        let from = rng.pick(&rels).clone();
        super::relations::view(&mut db, &mut rng, &cx, &from, true);
    }
    if rng.chance(40) {
        super::kinds::publication(&mut db, &cx, &mut rng);
    }
    db
}

/// A schema id's dependency list (nothing for `public`).
pub fn in_schema(schema: &str) -> Vec<String> {
    if schema == "public" {
        vec![]
    } else {
        vec![format!("schema:{}", q(schema))]
    }
}

/// COMMENT ON `on` (e.g. `TABLE x`), depending on `id`, with another text as its edit.
pub fn comment(db: &mut Db, rng: &mut Rng, id: String, on: String) {
    const TEXTS: &[&str] = &["main", "it's \"quoted\"", "ünïcode ✓", "two\nlines", "x"];
    let a = rng.pick(TEXTS);
    let b = rng.pick(TEXTS);
    let alt = if a == b { "changed" } else { b };
    db.stmt(
        "comment",
        vec![id],
        format!("COMMENT ON {on} IS {}", lit(a)),
        Some(format!("COMMENT ON {on} IS {}", lit(alt))),
    );
}

fn types(db: &mut Db, cx: &mut Ctx, rng: &mut Rng) {
    const LABELS: &[&str] = &[
        "new",
        "in progress",
        "done",
        "it's",
        "Ünï",
        "CAPS",
        "select",
    ];
    for _ in 0..rng.range(1, 2) {
        let schema = rng.pick(&cx.schemas).clone();
        let name = db.name(
            &format!("rel:{schema}"),
            &["status", "Kind", "mood", "user"],
            rng,
        );
        let mut labels: Vec<String> = Vec::new();
        for _ in 0..rng.range(2, 4) {
            let l = rng.pick(LABELS).to_string();
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        let id = db.push(
            qname(&schema, &name),
            in_schema(&schema),
            Kind::Enum {
                q: qname(&schema, &name),
                labels: labels.clone(),
            },
        );
        type_extras(db, rng, &id);
        cx.enums.push((id, labels));
    }
    for _ in 0..rng.range(0, 2) {
        let schema = rng.pick(&cx.schemas).clone();
        let name = db.name(
            &format!("rel:{schema}"),
            &["positive", "Short Text", "code"],
            rng,
        );
        let qn = qname(&schema, &name);
        let (base, check, alt) = if rng.chance(50) {
            ("integer", "VALUE >= 0", "VALUE >= 0 AND VALUE < 1000000")
        } else {
            ("text", "VALUE <> ''", "length(VALUE) < 200")
        };
        let default = if base == "integer" && rng.chance(50) {
            " DEFAULT 0"
        } else {
            ""
        };
        let mut deps = in_schema(&schema);
        let collate = match cx.collations.first() {
            Some(c) if base == "text" && rng.chance(40) => {
                deps.push(c.clone());
                format!(" COLLATE {c}")
            }
            _ => String::new(),
        };
        let cname = q(&format!("{name}_check"));
        let sql = |c: &str| {
            format!("CREATE DOMAIN {qn} AS {base}{collate}{default} CONSTRAINT {cname} CHECK ({c})")
        };
        let id = qn.clone();
        db.push(
            id.clone(),
            deps,
            Kind::Stmt {
                tag: "domain",
                sql: sql(check),
                alt: Some(sql(alt)),
            },
        );
        type_extras(db, rng, &id);
        cx.domains.push((id, base));
    }
    if rng.chance(60) {
        let schema = rng.pick(&cx.schemas).clone();
        let name = db.name(
            &format!("rel:{schema}"),
            &["point2", "Money Pair", "range"],
            rng,
        );
        let qn = qname(&schema, &name);
        let sql = format!("CREATE TYPE {qn} AS (x integer, \"Label\" text)");
        let alt = format!("CREATE TYPE {qn} AS (x integer, \"Label\" text, extra numeric)");
        db.push(
            qn.clone(),
            in_schema(&schema),
            Kind::Stmt {
                tag: "composite",
                sql,
                alt: Some(alt),
            },
        );
        type_extras(db, rng, &qn);
        cx.composites.push(qn);
    }
    if rng.chance(60) {
        let schema = rng.pick(&cx.schemas).clone();
        let name = db.name(
            &format!("rel:{schema}"),
            &["ticket seq", "Counter", "seq"],
            rng,
        );
        let qn = qname(&schema, &name);
        let start = rng.range(1, 100);
        db.push(
            qn.clone(),
            in_schema(&schema),
            Kind::Stmt {
                tag: "sequence",
                sql: format!("CREATE SEQUENCE {qn} START {start}"),
                alt: Some(format!(
                    "CREATE SEQUENCE {qn} START {start} INCREMENT 5 CACHE 10"
                )),
            },
        );
        if rng.chance(40) {
            let sql = format!("GRANT USAGE ON SEQUENCE {qn} TO schemadiff_writer");
            db.stmt("grant", vec![qn.clone()], sql, None);
        }
        cx.sequences.push(qn);
    }
}

/// A type's comment and grant.
fn type_extras(db: &mut Db, rng: &mut Rng, id: &str) {
    if rng.chance(30) {
        comment(db, rng, id.to_string(), format!("TYPE {id}"));
    }
    if rng.chance(30) {
        let sql = format!("REVOKE USAGE ON TYPE {id} FROM PUBLIC");
        let alt = format!("GRANT USAGE ON TYPE {id} TO schemadiff_reader");
        db.stmt("grant", vec![id.to_string()], sql, Some(alt));
    }
}

fn functions(db: &mut Db, cx: &mut Ctx, rng: &mut Rng) {
    type F = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    // (role, args, argtypes, returns, attrs, body, alt body)
    const KINDS: &[F] = &[
        (
            "norm",
            "v text",
            "text",
            "text",
            "LANGUAGE sql IMMUTABLE",
            " SELECT lower(btrim(v)) ",
            " SELECT upper(btrim(v)) ",
        ),
        (
            "is_ok",
            "v integer",
            "integer",
            "boolean",
            "LANGUAGE sql IMMUTABLE STRICT",
            " SELECT v >= 0 ",
            " SELECT v > -1 ",
        ),
        (
            "code",
            "",
            "",
            "text",
            "LANGUAGE sql VOLATILE",
            " SELECT 'C-' || floor(random() * 1000)::int ",
            " SELECT 'D-' || floor(random() * 99)::int ",
        ),
        (
            "allowed",
            "v integer",
            "integer",
            "boolean",
            "LANGUAGE sql STABLE",
            " SELECT v IS NOT NULL ",
            " SELECT coalesce(v, 0) >= 0 ",
        ),
        (
            "trigger",
            "",
            "",
            "trigger",
            "LANGUAGE plpgsql",
            "\nBEGIN\n    RETURN NEW;\nEND\n",
            "\nBEGIN\n    IF TG_OP = 'UPDATE' THEN\n        NULL;\n    END IF;\n    RETURN NEW;\nEND\n",
        ),
    ];
    for k in KINDS {
        if !rng.chance(75) {
            continue;
        }
        let schema = rng.pick(&cx.schemas).clone();
        let name = db.name(&format!("fn:{schema}"), FUNCS, rng);
        let qn = qname(&schema, &name);
        let (mut attrs, mut body) = (k.4.to_string(), k.5.to_string());
        if k.0 == "allowed" && rng.chance(40) {
            attrs += " SECURITY DEFINER SET search_path = pg_catalog";
        }
        if k.0 == "norm" && rng.chance(30) {
            attrs += " PARALLEL SAFE";
            body = " SELECT lower(btrim(v)) ".into();
        }
        let id = db.push(
            qn.clone(),
            in_schema(&schema),
            Kind::Func {
                q: qn.clone(),
                args: k.1.into(),
                argtypes: k.2.into(),
                returns: k.3.into(),
                attrs,
                body,
                alt_body: k.6.into(),
            },
        );
        let sig = format!("FUNCTION {qn}({})", k.2);
        if rng.chance(30) {
            comment(db, rng, id.clone(), sig.clone());
        }
        if rng.chance(40) {
            let sql = format!("REVOKE EXECUTE ON {sig} FROM PUBLIC");
            let alt = format!("GRANT EXECUTE ON {sig} TO schemadiff_writer");
            db.stmt("grant", vec![id.clone()], sql, Some(alt));
        }
        cx.funcs.push((id, k.0));
    }
}
