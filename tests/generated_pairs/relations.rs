//! Partitioned tables with their partitions, tables inheriting others, views and
//! materialized views.

use super::model::*;
use super::schema::{Ctx, comment, in_schema};
use super::tables::{column, index, random_column, schema_of, table};

/// A partitioned table (range, list or hash) with partitions, a key, an index, a partition's
/// own default.
pub fn partitioned(db: &mut Db, cx: &Ctx, rng: &mut Rng) {
    let strategy = rng.below(3);
    let (kty, by_col) = match strategy {
        0 => ("date", "created at"),
        1 => ("text", "region"),
        _ => ("integer", "bucket"),
    };
    let by = format!("{} ({})", ["RANGE", "LIST", "HASH"][strategy], q(by_col));
    let (t, _) = table(db, rng, cx, Part::Partitioned { by }, vec![]);
    let scope = format!("col:{t}");
    let mk = |name: &str, ty: &str, not_null: bool| Column {
        table: t.clone(),
        name: name.into(),
        ty: ty.into(),
        not_null,
        default: None,
        identity: None,
        generated: None,
        collate: None,
    };
    let id = column(db, &t, &scope, mk("id", "bigint", true), vec![]);
    let key = column(db, &t, &scope, mk(by_col, kty, true), vec![]);
    // The key columns go only with their table.
    for e in db.els.iter_mut().filter(|e| e.id == key || e.id == id) {
        e.pinned = true;
    }
    let amount = column(db, &t, &scope, mk("amount", "numeric(12,2)", false), vec![]);
    for _ in 0..rng.range(0, 2) {
        random_column(db, rng, cx, &t, &scope);
    }
    let pk = db.name(
        &format!("rel:{}", schema_of(&t)),
        &["part_pk", "Part Key"],
        rng,
    );
    db.stmt(
        "constraint",
        vec![id.clone(), key.clone()],
        format!(
            "ALTER TABLE {t} ADD CONSTRAINT {} PRIMARY KEY (id, {})",
            q(&pk),
            q(by_col)
        ),
        None,
    );
    let n = rng.range(1, 3);
    for i in 0..n {
        let bound = match strategy {
            0 => format!(
                "FOR VALUES FROM ('{}-01-01') TO ('{}-01-01')",
                2020 + i,
                2021 + i
            ),
            1 => format!("FOR VALUES IN ('r{i}', 'R {i}')"),
            _ => format!("FOR VALUES WITH (MODULUS {n}, REMAINDER {i})"),
        };
        let (p, _) = table(
            db,
            rng,
            cx,
            Part::PartitionOf {
                parent: t.clone(),
                bound,
            },
            vec![t.clone(), key.clone()],
        );
        if rng.chance(30) {
            let sql = format!("ALTER TABLE {p} ALTER COLUMN amount SET DEFAULT 0");
            let alt = format!("ALTER TABLE {p} ALTER COLUMN amount SET DEFAULT 1");
            db.stmt("alter", vec![p.clone(), amount.clone()], sql, Some(alt));
        }
        if rng.chance(25) {
            comment(db, rng, p.clone(), format!("TABLE {p}"));
        }
    }
    if strategy != 2 && rng.chance(40) {
        let (p, _) = table(
            db,
            rng,
            cx,
            Part::PartitionOf {
                parent: t.clone(),
                bound: "DEFAULT".into(),
            },
            vec![t.clone()],
        );
        let _ = p;
    }
    let cols: Vec<Column> = db.columns(&t).into_iter().cloned().collect();
    if let Some(c) = cols.iter().find(|c| c.name == "amount") {
        index(db, cx, rng, &t, c, false);
    }
    if rng.chance(40) {
        let n = db.name(&format!("rel:{}", schema_of(&t)), &["amount_ok"], rng);
        let sql = |e: &str| format!("ALTER TABLE {t} ADD CONSTRAINT {} CHECK ({e})", q(&n));
        db.stmt(
            "constraint",
            vec![amount],
            sql("amount >= 0"),
            Some(sql("amount > -1")),
        );
    }
    if rng.chance(40) {
        comment(db, rng, t.clone(), format!("TABLE {t}"));
    }
}

/// A table inheriting `parent`, with a column of its own.
pub fn inheriting(db: &mut Db, cx: &Ctx, rng: &mut Rng, parent: &str) {
    let (t, _) = table(
        db,
        rng,
        cx,
        Part::Inherits {
            parent: parent.into(),
        },
        vec![parent.into()],
    );
    // One column namespace for the family: no merged columns.
    let scope = format!("col:{parent}");
    random_column(db, rng, cx, &t, &scope);
    if rng.chance(40) {
        comment(db, rng, t.clone(), format!("TABLE {t}"));
    }
}

/// A view (or materialized view, with an index) on `from` (a table or view id); returns its
/// id, or None when `from` has no usable columns.
pub fn view(
    db: &mut Db,
    rng: &mut Rng,
    cx: &Ctx,
    from: &str,
    materialized: bool,
) -> Option<String> {
    let cols: Vec<(String, String)> = match db.get(from).map(|e| &e.kind) {
        Some(Kind::View { cols, .. }) => cols
            .iter()
            .map(|c| (c.clone(), format!("{from}.{}", q(c))))
            .collect(),
        Some(Kind::Table { .. }) => db
            .columns(from)
            .iter()
            .map(|c| (c.name.clone(), col_id(from, &c.name)))
            .collect(),
        _ => vec![],
    };
    if cols.is_empty() {
        return None;
    }
    let take: Vec<(String, String)> = cols
        .iter()
        .take(rng.range(1, 3.min(cols.len())))
        .cloned()
        .collect();
    let schema = rng.pick(&cx.schemas).clone();
    let name = db.name(
        &format!("rel:{schema}"),
        &["active orders", "Summary", "v", "select", "report"],
        rng,
    );
    let qn = qname(&schema, &name);
    let list: Vec<String> = take.iter().map(|(c, _)| q(c)).collect();
    let list = list.join(", ");
    let mut query = format!("SELECT {list} FROM {from}");
    let mut alt = format!("SELECT {list}, 1 AS \"Extra\" FROM {from} WHERE true");
    let mut deps = in_schema(&schema);
    deps.push(from.into());
    let mut take = take;
    // A view over an aggregate of an integer column (cast: an edit may widen it).
    let int = db
        .columns(from)
        .iter()
        .find(|c| c.ty == "integer" && c.generated.is_none())
        .map(|c| c.name.clone());
    if let (Some(c), false) = (int, cx.aggs.is_empty() || materialized || !rng.chance(30)) {
        let agg = rng.pick(&cx.aggs).clone();
        deps.push(agg.clone());
        let call = format!("{agg}({}::integer) AS \"Sum Total\"", q(&c));
        query = format!("SELECT {call} FROM {from}");
        alt = format!("SELECT {call}, count(*) AS \"Extra\" FROM {from}");
        take = vec![("Sum Total".to_string(), col_id(from, &c))];
    }
    // A view depends on the columns it uses: dropping one drops the view.
    deps.extend(
        take.iter()
            .filter(|(_, id)| db.get(id).is_some())
            .map(|(_, id)| id.clone()),
    );
    db.push(
        qn.clone(),
        deps,
        Kind::View {
            q: qn.clone(),
            materialized,
            query,
            alt_query: alt,
            cols: take.iter().map(|(c, _)| c.clone()).collect(),
        },
    );
    let kind = if materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    };
    if rng.chance(40) {
        comment(db, rng, qn.clone(), format!("{kind} {qn}"));
    }
    if rng.chance(40) {
        let role = rng.pick(super::schema::ROLES);
        db.stmt(
            "grant",
            vec![qn.clone()],
            format!("GRANT SELECT ON TABLE {qn} TO {role}"),
            None,
        );
    }
    if !materialized {
        super::table_opts::view_extras(db, cx, rng, &qn);
    }
    if materialized {
        let n = db.name(&format!("rel:{schema}"), &["mv_idx", "MV Index"], rng);
        let c = &take[0].0;
        db.stmt(
            "index",
            vec![qn.clone()],
            format!("CREATE INDEX {} ON {qn} ({})", q(&n), q(c)),
            None,
        );
    }
    Some(qn)
}
