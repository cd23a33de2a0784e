//! The newer parts of a table or view: column STORAGE and COMPRESSION, storage options
//! (fillfactor, autovacuum), replica identity, extended statistics (with a target), rules,
//! EXCLUDE on a range column; rules and INSTEAD OF triggers on views.

use super::model::*;
use super::schema::{Ctx, comment, in_schema};
use super::tables::schema_of;

/// Types extended statistics accept (a default btree opclass) and edits keep comparable.
const STATS_TYPES: &[&str] = &[
    "text",
    "integer",
    "bigint",
    "date",
    "boolean",
    "numeric(10,2)",
    "timestamp with time zone",
];

/// Options, statistics, rules and exclusion constraints of plain table `t`.
pub fn table_opts(db: &mut Db, cx: &Ctx, rng: &mut Rng, t: &str) {
    let cols: Vec<Column> = db
        .columns(t)
        .into_iter()
        .filter(|c| c.generated.is_none())
        .cloned()
        .collect();
    let rel = format!("rel:{}", schema_of(t));
    // STORAGE / COMPRESSION of a varlena column.
    if let Some(c) = cols
        .iter()
        .find(|c| c.ty == "text" || c.ty == "jsonb")
        .filter(|_| rng.chance(30))
    {
        let cid = col_id(t, &c.name);
        let at = format!("ALTER TABLE {t} ALTER COLUMN {}", q(&c.name));
        let (x, y) = *rng.pick(&[
            ("SET STORAGE EXTERNAL", "SET STORAGE MAIN"),
            ("SET COMPRESSION lz4", "SET COMPRESSION pglz"),
            ("SET STORAGE MAIN", "SET STORAGE EXTENDED"),
        ]);
        db.stmt(
            "alter",
            vec![cid],
            format!("{at} {x}"),
            Some(format!("{at} {y}")),
        );
    }
    if rng.chance(25) && db.get(&format!("opts:{t}")).is_none() {
        let (x, y) = *rng.pick(&[
            (
                "fillfactor = 70",
                "fillfactor = 90, autovacuum_enabled = false",
            ),
            ("autovacuum_vacuum_scale_factor = 0.05", "fillfactor = 50"),
            ("fillfactor = 100", "toast.autovacuum_enabled = false"),
        ]);
        db.push(
            format!("opts:{t}"),
            vec![t.to_string()],
            Kind::Stmt {
                tag: "alter",
                sql: format!("ALTER TABLE {t} SET ({x})"),
                alt: Some(format!("ALTER TABLE {t} SET ({y})")),
            },
        );
    }
    if rng.chance(20) && db.get(&format!("ri:{t}")).is_none() {
        replica_identity(db, rng, t);
    }
    // Extended statistics on two columns (or an expression), maybe with a target.
    let scalar: Vec<&Column> = cols
        .iter()
        .filter(|c| STATS_TYPES.contains(&c.ty.as_str()))
        .collect();
    if scalar.len() >= 2 && rng.chance(30) {
        let schema = rng.pick(&[schema_of(t), "public".to_string()]).clone();
        let name = db.name(
            &format!("stx:{schema}"),
            &["stats", "Col Pair", "select", "ünï_stx"],
            rng,
        );
        let qn = qname(&schema, &name);
        let (a, b) = (scalar[0], scalar[1]);
        let on = if a.ty == "text" && rng.chance(30) {
            format!("(lower({})), {}", q(&a.name), q(&b.name))
        } else {
            format!("{}, {}", q(&a.name), q(&b.name))
        };
        let kinds = [
            "(ndistinct)",
            "(dependencies)",
            "(mcv)",
            "(ndistinct, mcv)",
            "",
        ];
        let k1 = rng.below(kinds.len());
        let k2 = (k1 + 1) % kinds.len();
        let sql = |k: &str| format!("CREATE STATISTICS {qn} {k} ON {on} FROM {t}");
        let mut deps = in_schema(&schema);
        deps.extend([t.to_string(), col_id(t, &a.name), col_id(t, &b.name)]);
        db.push(
            format!("stx:{qn}"),
            deps,
            Kind::Stmt {
                tag: "statistics",
                sql: sql(kinds[k1]).replace("  ", " "),
                alt: Some(sql(kinds[k2]).replace("  ", " ")),
            },
        );
        if rng.chance(40) {
            let n = rng.range(1, 9) * 100;
            let sql = |n: usize| format!("ALTER STATISTICS {qn} SET STATISTICS {n}");
            db.stmt(
                "alter",
                vec![format!("stx:{qn}")],
                sql(n),
                Some(sql(n + 50)),
            );
        }
        if rng.chance(25) {
            comment(db, rng, format!("stx:{qn}"), format!("STATISTICS {qn}"));
        }
    }
    if rng.chance(15) {
        let key = cols.iter().find(|c| c.ty == "integer" || c.ty == "bigint");
        rule(db, rng, t, key.map(|c| c.name.as_str()));
    }
    // An exclusion constraint on a range column (gist, no extension needed). Only in B:
    // A→empty would drop it with its range type, a known gap
    // (range__exclude_on_column_of_dropped_table: the moved table keeps the column as text,
    // and the constraint cannot follow).
    let ranges: Vec<&Column> = cols
        .iter()
        .filter(|c| cx.ranges.iter().any(|r| r.0 == c.ty))
        .collect();
    if let Some(c) = ranges.first().filter(|_| db.editing && rng.chance(60)) {
        let n = db.name(&rel, &["no overlap", "Excl"], rng);
        let col = q(&c.name);
        let sql = |w: &str| {
            format!(
                "ALTER TABLE {t} ADD CONSTRAINT {} EXCLUDE USING gist ({col} WITH &&){w}",
                q(&n)
            )
        };
        db.stmt(
            "constraint",
            vec![col_id(t, &c.name)],
            sql(""),
            Some(sql(&format!(" WHERE ({col} IS NOT NULL)"))),
        );
    }
}

/// REPLICA IDENTITY FULL, NOTHING or USING INDEX of the primary key.
fn replica_identity(db: &mut Db, rng: &mut Rng, t: &str) {
    let pk = db.els.iter().find_map(|e| match &e.kind {
        Kind::Stmt {
            tag: "constraint",
            sql,
            ..
        } if sql.starts_with(&format!("ALTER TABLE {t} ADD CONSTRAINT"))
            && sql.contains("PRIMARY KEY") =>
        {
            let name = sql[format!("ALTER TABLE {t} ADD CONSTRAINT ").len()..]
                .split(" PRIMARY KEY")
                .next()
                .unwrap_or_default()
                .to_string();
            Some((e.id.clone(), name))
        }
        _ => None,
    });
    let mut deps = vec![t.to_string()];
    let mut forms = vec!["FULL".to_string(), "NOTHING".to_string()];
    if let Some((id, name)) = pk {
        deps.push(id);
        forms.push(format!("USING INDEX {name}"));
    }
    let a = rng.below(forms.len());
    let b = (a + 1) % forms.len();
    let sql = |f: &str| format!("ALTER TABLE {t} REPLICA IDENTITY {f}");
    db.push(
        format!("ri:{t}"),
        deps,
        Kind::Stmt {
            tag: "alter",
            sql: sql(&forms[a]),
            alt: Some(sql(&forms[b])),
        },
    );
}

/// A rule on table or view `rel`: DO INSTEAD NOTHING, conditional on `key` when given, with
/// another event or condition as its edit.
fn rule(db: &mut Db, rng: &mut Rng, rel: &str, key: Option<&str>) {
    let n = db.name(
        &format!("rule:{rel}"),
        &["protect", "No Delete", "select"],
        rng,
    );
    let mut deps = vec![rel.to_string()];
    let (cond, alt_cond) = match key {
        Some(k) => {
            deps.push(col_id(rel, k));
            (
                format!(" WHERE old.{} < 0", q(k)),
                format!(" WHERE old.{} IS NULL", q(k)),
            )
        }
        None => (String::new(), String::new()),
    };
    let (sql, alt) = if rng.chance(50) {
        (
            format!(
                "CREATE RULE {} AS ON DELETE TO {rel}{cond} DO INSTEAD NOTHING",
                q(&n)
            ),
            format!(
                "CREATE RULE {} AS ON DELETE TO {rel}{alt_cond} DO INSTEAD NOTHING",
                q(&n)
            ),
        )
    } else {
        (
            format!(
                "CREATE RULE {} AS ON UPDATE TO {rel}{cond} DO INSTEAD NOTHING",
                q(&n)
            ),
            format!(
                "CREATE RULE {} AS ON UPDATE TO {rel}{cond} DO ALSO NOTHING",
                q(&n)
            ),
        )
    };
    db.stmt("rule", deps, sql, Some(alt));
    if rng.chance(25) {
        let last = db.els.last().unwrap().id.clone();
        comment(db, rng, last, format!("RULE {} ON {rel}", q(&n)));
    }
}

/// A plain view's INSTEAD OF trigger or rule.
pub fn view_extras(db: &mut Db, cx: &Ctx, rng: &mut Rng, v: &str) {
    if rng.chance(25)
        && let Some(f) = cx.func("trigger", rng)
    {
        let n = db.name(&format!("trg:{v}"), &["write through", "Instead"], rng);
        let sql = |ev: &str| {
            format!(
                "CREATE TRIGGER {} INSTEAD OF {ev} ON {v} FOR EACH ROW EXECUTE FUNCTION {f}()",
                q(&n)
            )
        };
        db.stmt(
            "trigger",
            vec![v.to_string(), f.clone()],
            sql("INSERT"),
            Some(sql("INSERT OR UPDATE")),
        );
    }
    if rng.chance(15) {
        let n = db.name(&format!("rule:{v}"), &["ignore insert", "Sink"], rng);
        let sql = |ev: &str| format!("CREATE RULE {} AS ON {ev} TO {v} DO INSTEAD NOTHING", q(&n));
        db.stmt(
            "rule",
            vec![v.to_string()],
            sql("INSERT"),
            Some(sql("DELETE")),
        );
    }
}
