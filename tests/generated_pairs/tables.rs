//! Plain tables and what hangs off them: columns, keys, CHECKs, FKs, indexes, triggers, RLS
//! and policies, grants and comments (partitioned and inheriting tables and views:
//! relations.rs).

use super::model::*;
use super::schema::{Ctx, comment, in_schema};

/// Add a table element; its id is its qualified name.
pub fn table(
    db: &mut Db,
    rng: &mut Rng,
    cx: &Ctx,
    part: Part,
    deps: Vec<String>,
) -> (String, String) {
    let schema = rng.pick(&cx.schemas).clone();
    let name = db.name(&format!("rel:{schema}"), RELS, rng);
    let qn = qname(&schema, &name);
    let mut d = in_schema(&schema);
    d.extend(deps);
    let unlogged = part == Part::Plain && rng.chance(10);
    db.push(
        qn.clone(),
        d,
        Kind::Table {
            q: qn.clone(),
            part,
            unlogged,
        },
    );
    (qn, name)
}

/// Add a column element to `table` (scope: the column namespace shared by an inheritance
/// family).
pub fn column(db: &mut Db, table: &str, scope: &str, c: Column, deps: Vec<String>) -> String {
    let id = col_id(table, &c.name);
    let mut d = vec![table.to_string()];
    d.extend(deps);
    db.reserve(scope, c.name.clone());
    db.push(id, d, Kind::Column(c))
}

/// A random ordinary column (no identity): type, default, NOT NULL, maybe generated.
pub fn random_column(db: &mut Db, rng: &mut Rng, cx: &Ctx, table: &str, scope: &str) -> String {
    let name = db.name(scope, COLS, rng);
    let mut deps = Vec::new();
    let mut c = Column {
        table: table.into(),
        name,
        ty: String::new(),
        not_null: rng.chance(30),
        default: None,
        identity: None,
        generated: None,
        collate: None,
    };
    let pick = rng.below(16);
    let (ty, default): (String, Option<String>) = match pick {
        0 => ("text".into(), Some("'none'".into())),
        1 => (format!("varchar({})", rng.range(10, 80)), None),
        2 => ("integer".into(), Some(format!("{}", rng.range(0, 9)))),
        3 => ("bigint".into(), None),
        4 => ("numeric(10,2)".into(), Some("0.00".into())),
        5 => ("boolean".into(), Some("true".into())),
        6 => ("timestamp with time zone".into(), Some("now()".into())),
        7 => ("jsonb".into(), Some("'{}'::jsonb".into())),
        8 => ("text[]".into(), Some("'{}'::text[]".into())),
        9 => ("integer[]".into(), None),
        10 => ("date".into(), Some("CURRENT_DATE".into())),
        11 if !cx.enums.is_empty() => {
            let (id, labels) = rng.pick(&cx.enums).clone();
            deps.push(id.clone());
            (id.clone(), Some(format!("{}::{id}", lit(&labels[0]))))
        }
        12 if !cx.domains.is_empty() => {
            let (id, _) = rng.pick(&cx.domains).clone();
            deps.push(id.clone());
            (id, None)
        }
        13 if !cx.composites.is_empty() => {
            let id = rng.pick(&cx.composites).clone();
            deps.push(id.clone());
            (id, None)
        }
        14 => match cx.func("code", rng) {
            Some(f) => {
                deps.push(f.clone());
                ("text".into(), Some(format!("{f}()")))
            }
            None => ("uuid".into(), Some("gen_random_uuid()".into())),
        },
        15 if !cx.ranges.is_empty() => {
            let (id, _) = rng.pick(&cx.ranges).clone();
            deps.push(id.clone());
            (id, None)
        }
        _ => ("text".into(), None),
    };
    c.ty = ty;
    if (c.ty == "text" || c.ty.starts_with("varchar"))
        && !cx.collations.is_empty()
        && rng.chance(25)
    {
        let coll = rng.pick(&cx.collations).clone();
        deps.push(coll.clone());
        c.collate = Some(coll);
    }
    if rng.chance(70) {
        c.default = default;
    }
    if c.ty == "integer" && rng.chance(25) {
        // A stored generated column over another integer column of the table.
        let src = db
            .columns(table)
            .iter()
            .find(|o| o.ty == "integer" && o.generated.is_none() && o.identity.is_none())
            .map(|o| o.name.clone());
        if let Some(src) = src {
            c.generated = Some(format!("{} * 2", q(&src)));
            c.default = None;
            deps.push(col_id(table, &src));
        }
    }
    column(db, table, scope, c, deps)
}

/// The identity, serial, sequence or plain key column.
fn key_column(
    db: &mut Db,
    rng: &mut Rng,
    cx: &Ctx,
    table: &str,
    tname: &str,
    scope: &str,
) -> Column {
    let name = db.name(scope, &["id", "ID", "key", "select"], rng);
    let mut c = Column {
        table: table.into(),
        name: name.clone(),
        ty: "integer".into(),
        not_null: true,
        default: None,
        identity: None,
        generated: None,
        collate: None,
    };
    let implicit = format!("{tname}_{name}_seq");
    let mut deps = Vec::new();
    let unlogged = matches!(
        db.get(table).map(|e| &e.kind),
        Some(Kind::Table { unlogged: true, .. })
    );
    // Known gap (tests/cases/*/known-gap): a serial column of an unlogged table gets a
    // logged sequence (sequence__serial_of_unlogged_table).
    match rng.below(5) {
        2 if unlogged => {}
        0 => c.identity = Some("ALWAYS"),
        1 => {
            c.ty = "bigint".into();
            c.identity = Some("BY DEFAULT");
        }
        2 => {
            c.ty = "serial".into();
            c.not_null = false;
        }
        3 if !cx.sequences.is_empty() => {
            let s = rng.pick(&cx.sequences).clone();
            c.ty = "bigint".into();
            c.default = Some(format!("nextval({}::regclass)", lit(&s)));
            deps.push(s);
        }
        _ => {}
    }
    // The sequence the server names for an identity or serial column.
    db.reserve(&format!("rel:{}", schema_of(table)), implicit);
    column(db, table, scope, c.clone(), deps);
    c
}

/// The (unquoted) schema of a qualified id such as `"Sales Dept"."user"` or `app.t`.
pub fn schema_of(id: &str) -> String {
    if let Some(rest) = id.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(c);
        }
        out
    } else {
        id.split('.').next().unwrap_or_default().to_string()
    }
}

/// A plain table with a key, columns, constraints, indexes, triggers, policies, grants and
/// comments; FKs to tables made before it.
pub fn plain_table(db: &mut Db, cx: &Ctx, rng: &mut Rng, earlier: &[String]) -> String {
    let (t, tname) = table(db, rng, cx, Part::Plain, vec![]);
    let scope = format!("col:{t}");
    let key = key_column(db, rng, cx, &t, &tname, &scope);
    for _ in 0..rng.range(2, 6) {
        random_column(db, rng, cx, &t, &scope);
    }
    let pk = db.name(
        &format!("rel:{}", schema_of(&t)),
        &["pk", "Primary Key"],
        rng,
    );
    let kid = col_id(&t, &key.name);
    db.stmt(
        "constraint",
        vec![t.clone(), kid.clone()],
        format!(
            "ALTER TABLE {t} ADD CONSTRAINT {} PRIMARY KEY ({})",
            q(&pk),
            q(&key.name)
        ),
        None,
    );
    if let Some(e) = earlier.iter().filter(|_| rng.chance(60)).last() {
        foreign_key(db, rng, &t, &scope, e);
    }
    extras(db, cx, rng, &t);
    t
}

/// An FK column in `t` to `target`'s key, with actions.
pub fn foreign_key(db: &mut Db, rng: &mut Rng, t: &str, scope: &str, target: &str) {
    let Some(key) = db.columns(target).first().map(|c| (*c).clone()) else {
        return;
    };
    if matches!(
        db.get(target).map(|e| &e.kind),
        Some(Kind::Table { unlogged: true, .. })
    ) {
        return; // a permanent table's constraint may reference only permanent tables
    }
    let ty = match key.ty.as_str() {
        "serial" | "integer" => "integer",
        _ => "bigint",
    };
    let name = db.name(scope, &["ref", "Parent ID", "owner"], rng);
    let c = Column {
        table: t.into(),
        name: name.clone(),
        ty: ty.into(),
        not_null: false,
        default: None,
        identity: None,
        generated: None,
        collate: None,
    };
    let cid = column(db, t, scope, c, vec![]);
    let pk = db
        .els
        .iter()
        .find(|e| matches!(&e.kind, Kind::Stmt { tag: "constraint", sql, .. } if sql.starts_with(&format!("ALTER TABLE {target} ADD CONSTRAINT")) && sql.contains("PRIMARY KEY")))
        .map(|e| e.id.clone());
    let Some(pk) = pk else { return };
    let fk = db.name(&format!("rel:{}", schema_of(t)), &["fk", "Refers To"], rng);
    let act = |rng: &mut Rng| *rng.pick(&["NO ACTION", "CASCADE", "SET NULL", "RESTRICT"]);
    let (a, b) = (act(rng), act(rng));
    let sql = |d: &str, u: &str| {
        format!(
            "ALTER TABLE {t} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {target} ({}) ON DELETE {d} ON UPDATE {u}",
            q(&fk),
            q(&name),
            q(&key.name)
        )
    };
    db.stmt(
        "constraint",
        vec![cid, pk, target.into()],
        sql(a, "NO ACTION"),
        Some(sql(b, "CASCADE")),
    );
}

/// CHECKs, UNIQUE, indexes, triggers, RLS and policies, grants and comments on `t`.
pub fn extras(db: &mut Db, cx: &Ctx, rng: &mut Rng, t: &str) {
    let cols: Vec<Column> = db.columns(t).into_iter().cloned().collect();
    let rel = format!("rel:{}", schema_of(t));
    let of = |ty: &str| {
        cols.iter()
            .filter(|c| c.ty == ty && c.generated.is_none())
            .cloned()
            .collect::<Vec<_>>()
    };
    let ints = of("integer");
    let texts = of("text");
    if let Some(c) = ints.first().filter(|_| rng.chance(60)) {
        let n = db.name(&rel, &["positive", "Check Me"], rng);
        let (e, alt) = match cx.func("is_ok", rng) {
            Some(f) if rng.chance(50) => (
                format!("{f}({}::integer)", q(&c.name)),
                format!("{} >= 0", q(&c.name)),
            ),
            _ => (
                format!("{} >= 0", q(&c.name)),
                format!("{} > -100", q(&c.name)),
            ),
        };
        let mut deps = vec![col_id(t, &c.name)];
        deps.extend(
            cx.funcs
                .iter()
                .filter(|f| e.contains(&f.0))
                .map(|f| f.0.clone()),
        );
        let sql = |e: &str| format!("ALTER TABLE {t} ADD CONSTRAINT {} CHECK ({e})", q(&n));
        db.stmt("constraint", deps, sql(&e), Some(sql(&alt)));
    }
    if let Some(c) = texts.first().filter(|_| rng.chance(40)) {
        let n = db.name(&rel, &["uniq", "Unique Name"], rng);
        let sql = format!(
            "ALTER TABLE {t} ADD CONSTRAINT {} UNIQUE ({})",
            q(&n),
            q(&c.name)
        );
        db.stmt("constraint", vec![col_id(t, &c.name)], sql, None);
    }
    for _ in 0..rng.range(0, 2) {
        let Some(c) = cols
            .get(rng.below(cols.len().max(1)))
            .filter(|c| c.generated.is_none())
        else {
            continue;
        };
        index(db, cx, rng, t, c, true);
    }
    if rng.chance(30)
        && let Some(f) = cx.func("trigger", rng)
    {
        let n = db.name(&format!("trg:{t}"), &["touch", "Audit Trigger"], rng);
        let sql = |ev: &str| {
            format!(
                "CREATE TRIGGER {} BEFORE {ev} ON {t} FOR EACH ROW EXECUTE FUNCTION {f}()",
                q(&n)
            )
        };
        db.stmt(
            "trigger",
            vec![t.into(), f.clone()],
            sql("INSERT OR UPDATE"),
            Some(sql("INSERT")),
        );
    }
    if rng.chance(30) {
        db.stmt(
            "rls",
            vec![t.into()],
            format!("ALTER TABLE {t} ENABLE ROW LEVEL SECURITY"),
            None,
        );
        let n = db.name(&format!("pol:{t}"), &["read own", "Policy"], rng);
        let (using, deps) = match (ints.first(), cx.func("allowed", rng)) {
            (Some(c), Some(f)) => (
                format!("{f}({}::integer)", q(&c.name)),
                vec![col_id(t, &c.name), f],
            ),
            _ => ("true".to_string(), vec![]),
        };
        let sql = |u: &str, r: &str| {
            format!(
                "CREATE POLICY {} ON {t} FOR SELECT TO {r} USING ({u})",
                q(&n)
            )
        };
        let mut d = vec![t.to_string()];
        d.extend(deps);
        db.stmt(
            "policy",
            d,
            sql(&using, "schemadiff_reader"),
            Some(sql("false", "PUBLIC")),
        );
    }
    if rng.chance(50) {
        let role = rng.pick(super::schema::ROLES);
        let sql = format!("GRANT SELECT ON TABLE {t} TO {role}");
        let alt = format!("GRANT SELECT, INSERT, UPDATE ON TABLE {t} TO {role}");
        db.stmt("grant", vec![t.into()], sql, Some(alt));
    }
    if let Some(c) = cols.last().filter(|_| rng.chance(25)) {
        let sql = format!(
            "GRANT UPDATE ({}) ON TABLE {t} TO schemadiff_writer",
            q(&c.name)
        );
        db.stmt("grant", vec![col_id(t, &c.name)], sql, None);
    }
    if rng.chance(40) {
        comment(db, rng, t.into(), format!("TABLE {t}"));
    }
    if let Some(c) = cols.get(1).filter(|_| rng.chance(30)) {
        comment(
            db,
            rng,
            col_id(t, &c.name),
            format!("COLUMN {t}.{}", q(&c.name)),
        );
    }
    super::table_opts::table_opts(db, cx, rng, t);
}

/// An index on column `c` of `t` (btree, expression, partial, gin), with a variant.
pub fn index(db: &mut Db, cx: &Ctx, rng: &mut Rng, t: &str, c: &Column, may_be_unique: bool) {
    let n = db.name(
        &format!("rel:{}", schema_of(t)),
        &["idx", "Index By Name", "order_idx"],
        rng,
    );
    let col = q(&c.name);
    let mut deps = vec![col_id(t, &c.name)];
    let (body, alt) = if c.ty.ends_with("[]") || c.ty == "jsonb" {
        (
            format!("USING gin ({col})"),
            format!("USING gin ({col}) WITH (fastupdate = off)"),
        )
    } else if c.ty == "text" && !cx.collations.is_empty() && rng.chance(25) {
        let coll = rng.pick(&cx.collations).clone();
        deps.push(coll.clone());
        (
            format!("({col} COLLATE {coll})"),
            format!("({col} COLLATE {coll} DESC)"),
        )
    } else if c.ty == "text" && rng.chance(50) {
        match cx.func("norm", rng) {
            Some(f) => {
                deps.push(f.clone());
                (
                    format!("({f}({col}))"),
                    format!("({f}({col})) WHERE {col} IS NOT NULL"),
                )
            }
            None => (format!("(lower({col}))"), format!("({col})")),
        }
    } else if c.ty.starts_with('"') || c.ty.contains('.') {
        (
            format!("({col})"),
            format!("({col}) WHERE {col} IS NOT NULL"),
        )
    } else {
        (format!("({col})"), format!("({col} DESC NULLS LAST)"))
    };
    let unique = if may_be_unique && rng.chance(15) && !c.ty.ends_with("[]") && c.ty != "jsonb" {
        "UNIQUE "
    } else {
        ""
    };
    let sql = |b: &str| format!("CREATE {unique}INDEX {} ON {t} {b}", q(&n));
    db.stmt("index", deps, sql(&body), Some(sql(&alt)));
    if rng.chance(25) {
        let id = qname(&schema_of(t), &n);
        let last = db.els.last().unwrap().id.clone();
        comment(db, rng, last, format!("INDEX {id}"));
    }
}
