//! The convergence loop (tests/convergence.rs describes it), shared by the corpus test and the
//! generated pairs (tests/generated_pairs.rs): [`run_case`] runs one case directory holding
//! `from.sql`, `to.sql` and the optional markers of tests/cases/README.md; [`parallel`] runs
//! many on `SCHEMADIFF_WORKERS` workers.

use super::case_options::{kept_one_way, missing_features, options, server_major};
use super::pool::pooled_db;
use super::{TestDb, pgdump, pool, squawk, timing};
use schemadiff::introspect::{Filter, introspect};
use schemadiff::model::Catalog;
use schemadiff::plan::{Hazard, Phase};
use schemadiff::resolve::{Shadows, Target, catalogs, catalogs_with, probe};
use schemadiff::{connect, plan, render};
use std::path::Path;
use std::sync::Mutex;
use tokio_postgres::Client;
/// Column order is not a change; everything else must match exactly.
fn normalized(mut c: Catalog) -> Catalog {
    for t in c.tables.values_mut() {
        t.columns.sort_by(|a, b| a.name.cmp(&b.name));
    }
    c
}

/// The first difference between two catalogs, as JSON lines, for a readable failure.
fn first_difference(a: &Catalog, b: &Catalog) -> String {
    let a = serde_json::to_string_pretty(a).unwrap();
    let b = serde_json::to_string_pretty(b).unwrap();
    let diff = similar::TextDiff::from_lines(&a, &b);
    diff.unified_diff()
        .context_radius(4)
        .to_string()
        .lines()
        .take(40)
        .collect::<Vec<_>>()
        .join("\n")
}

/// One connection per database for the whole case (introspection and rows read the same
/// on a warm connection; a new one per read was a backend start and cold caches each time).
async fn connection(db: &TestDb) -> Client {
    let opts = connect::ConnectOptions::parse(db.conn_string()).unwrap();
    connect::connect(&opts).await.unwrap()
}

async fn catalog(client: &Client, filter: &Filter) -> Catalog {
    normalized(introspected(client, filter).await)
}

/// The catalog as the CLI reads a database (`--from <url>`).
async fn introspected(client: &Client, filter: &Filter) -> Catalog {
    let _t = timing::span("introspect");
    introspect(client, filter).await.unwrap()
}

/// Rows of every `from` table as sorted text: every column (the way back restores dropped
/// data from its backup), or, for a case marked `data-lost`, only the tables and columns
/// `to` keeps.
async fn rows(client: &Client, from: &Catalog, to: &Catalog, all: bool) -> Vec<(String, String)> {
    let _t = timing::span("rows");
    let mut out = Vec::new();
    for (name, t) in &from.tables {
        let tt = match to.tables.get(name) {
            Some(tt) => tt,
            None if all => t,
            None => continue,
        };
        if t.partition_key.is_some() || t.partition_key != tt.partition_key {
            continue; // rows live in the partitions
        }
        let cols: Vec<String> = t
            .columns
            .iter()
            .filter(|c| (all || tt.column(&c.name).is_some()) && c.generated.is_none())
            .map(|c| format!("{}::text", schemadiff::model::quote_ident(&c.name)))
            .collect();
        if cols.is_empty() {
            continue;
        }
        let sql = format!(
            "SELECT coalesce(string_agg(r, E'\\n' ORDER BY r), '') FROM (SELECT ROW({})::text AS r FROM ONLY {name}) s",
            cols.join(", ")
        );
        let row = client.query_one(&sql, &[]).await.unwrap();
        out.push((name.to_string(), row.get::<_, String>(0)));
    }
    out
}

/// A plan and its scripts, phase by phase.
struct Planned {
    plan: plan::Plan,
    /// (phase, forward script, reverse script) for every phase with steps.
    phases: Vec<(Phase, String, String)>,
    /// The desired catalog as the planner read it (`to.sql` loaded into its shadow) and the
    /// hints of `to.sql`'s annotations, for the second plan.
    to: Catalog,
    hints: plan::Hints,
}

impl Planned {
    fn forward(&self) -> String {
        self.phases.iter().map(|p| p.1.as_str()).collect()
    }
    fn reverse(&self) -> String {
        self.phases.iter().rev().map(|p| p.2.as_str()).collect()
    }
}

/// Plan from `db` to the files `to` exactly as the CLI does (`resolve::catalogs`: `to.sql`
/// loaded into a shadow database on the same server, annotations' checks, type probes),
/// the shadow a pooled database (as fresh as a new one) instead of one made for the plan.
async fn plan_sql(db: &TestDb, to: &Path, filter: &Filter) -> Result<Planned, String> {
    let _t = timing::span("plan");
    let db_opts = connect::ConnectOptions::parse(db.conn_string()).unwrap();
    let from = Target::Database(Box::new(db_opts.clone()));
    let to = Target::Files(to.to_path_buf());
    let shadow = pool::shadow_db();
    let result = match &shadow {
        Some(shadow) => {
            let given = connect::ConnectOptions::parse(shadow.conn_string()).unwrap();
            let shadows = Shadows::reusing(&db_opts, vec![given]);
            catalogs_with(&from, &to, Some(shadows), filter).await
        }
        None => catalogs(&from, &to, None, filter).await,
    };
    let (a, b, hints) = result.map_err(|e| format!("catalogs: {e}"))?;
    planned(&a, b, hints)
}

/// The second plan, from the migrated `db` (`a`: introspected for real, by the same code
/// the CLI reads a database with, after the forward and before anything else ran on it) to
/// the same `to.sql`. The server is probed for in-place type changes between `a` and the
/// desired state, as `resolve::catalogs` does; the desired side is the first plan's reading
/// of `to.sql` (the same file loaded the same way on the same server: loading it into a
/// second shadow database gives the same catalog and annotations). What `catalogs` checks
/// besides (annotations' backfill expressions and casts) only looks at columns whose type
/// differs or that `db` lacks, which make the plan non-empty either way. A `to.sql` with
/// rename hints takes the whole CLI path again (`plan_sql`): what a rename needs may be
/// worked out on a shadow database of its own, and so does one with external statements.
async fn plan_again(
    db: &TestDb,
    client: &Client,
    a: Catalog,
    to: &Path,
    first: &Planned,
    filter: &Filter,
) -> Result<Planned, String> {
    // External statements are stripped from both sides by `resolve`; the migrated side must
    // go through it too.
    let externals = schemadiff::source::read_desired_with(to, filter.owners)
        .map(|s| !schemadiff::source::externals(&s).is_empty())
        .map_err(|e| format!("read {}: {e}", to.display()))?;
    if !first.hints.renames.is_empty() || externals {
        return plan_sql(db, to, filter).await;
    }
    let _t = timing::span("plan_again");
    // Field by field: a hint that `catalogs` works out from both sides must be worked out
    // here too, not copied from the first plan.
    #[allow(clippy::needless_update)] // for hints added later
    let hints = plan::Hints {
        renames: first.hints.renames.clone(),
        backfills: first.hints.backfills.clone(),
        in_place_types: probe::in_place_types(&a, &first.to, &first.hints.renames, &[client]).await,
        server_version: client
            .query_one("SELECT current_setting('server_version_num')::int4", &[])
            .await
            .ok()
            .map(|row| row.get(0)),
        ..plan::Hints::default()
    };
    planned(&a, first.to.clone(), hints)
}

fn planned(a: &Catalog, b: Catalog, hints: plan::Hints) -> Result<Planned, String> {
    let p = plan::plan_with(a, &b, plan::Settings::default(), &hints)
        .map_err(|e| format!("plan: {e}"))?;
    let mut phases = Vec::new();
    for phase in Phase::ALL {
        if p.phase(phase).is_empty() {
            continue;
        }
        let mut fwd = Vec::new();
        let mut rev = Vec::new();
        render::render_forward(&p, &[phase], &mut fwd).unwrap();
        render::render_reverse(&p, &[phase], &mut rev).unwrap();
        phases.push((
            phase,
            String::from_utf8(fwd).unwrap(),
            String::from_utf8(rev).unwrap(),
        ));
    }
    Ok(Planned {
        plan: p,
        phases,
        to: b,
        hints,
    })
}

/// After expand alone, old application code still works: every table, column (with its
/// type), view (with its columns) and function of `from` is still there.
/// `widened`: columns whose type the plan changes in expand because the server does it in
/// place (wider: old code's values still fit).
fn old_code_still_works(
    from: &Catalog,
    mid: &Catalog,
    widened: &[schemadiff::model::ObjectId],
    renamed_away: &[String],
) -> Result<(), String> {
    // A rename that says it breaks old code (`mode=instant`, a schema or type) is exempt:
    // the object, what is in a renamed schema, and columns of a renamed type.
    let exempt = |name: &schemadiff::model::QualifiedName| {
        renamed_away.contains(&name.to_string())
            || renamed_away.contains(&schemadiff::model::quote_ident(&name.schema))
    };
    for (name, t) in &from.tables {
        if exempt(name) {
            continue;
        }
        let Some(m) = mid.tables.get(name) else {
            // A renamed table keeps its old name as a view that shows every column.
            if let Some(v) = mid.views.get(name).filter(|v| !v.materialized) {
                if let Some(c) = t
                    .columns
                    .iter()
                    .find(|c| !v.columns.iter().any(|vc| vc.name == c.name))
                {
                    return Err(format!(
                        "column {name}.{} is not in the view under the old name",
                        c.name
                    ));
                }
                continue;
            }
            return Err(format!("table {name} is gone after expand"));
        };
        for c in &t.columns {
            match m.column(&c.name) {
                None => return Err(format!("column {name}.{} is gone after expand", c.name)),
                Some(mc)
                    if mc.type_name != c.type_name
                        && !renamed_away
                            .iter()
                            .any(|r| c.type_name.trim_end_matches("[]") == r)
                        && !ancestors(from, name).any(|t| {
                            widened.contains(&schemadiff::model::ObjectId::Column {
                                table: t.clone(),
                                column: c.name.clone(),
                            })
                        }) =>
                {
                    return Err(format!(
                        "column {name}.{} changed type after expand: {} -> {}",
                        c.name, c.type_name, mc.type_name
                    ));
                }
                Some(_) => {}
            }
        }
    }
    for (name, v) in &from.views {
        if exempt(name) {
            continue;
        }
        let Some(m) = mid.views.get(name) else {
            return Err(format!("view {name} is gone after expand"));
        };
        for c in &v.columns {
            if !m.columns.iter().any(|mc| mc.name == c.name) {
                return Err(format!(
                    "view column {name}.{} is gone after expand",
                    c.name
                ));
            }
        }
    }
    for id in from.functions.keys() {
        if !mid.functions.contains_key(id)
            && !renamed_away.contains(&schemadiff::model::quote_ident(&id.schema))
            && !renamed_away.contains(&id.to_string())
        {
            return Err(format!("function {id:?} is gone after expand"));
        }
    }
    Ok(())
}

/// `table` and the tables it is a partition of or inherits from, up to the roots (a widened
/// parent column widens its partitions' and children's columns too).
fn ancestors<'c>(
    cat: &'c Catalog,
    table: &'c schemadiff::model::QualifiedName,
) -> impl Iterator<Item = &'c schemadiff::model::QualifiedName> {
    let mut out = vec![table];
    let mut i = 0;
    while i < out.len() {
        if let Some(t) = cat.tables.get(out[i]) {
            for p in t.partition_of.iter().map(|p| &p.parent).chain(&t.inherits) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        i += 1;
    }
    out.into_iter()
}

pub async fn run_case(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let (filter, empty_plan) = options(case)?;
    let db = pooled_db(&name);
    if let Ok(min) = std::fs::read_to_string(case.join("min-version")) {
        let min: u32 = min
            .trim()
            .parse()
            .expect("min-version holds a major version");
        if server_major(&db)? < min {
            eprintln!("skipped {name}: needs PostgreSQL {min}");
            return Ok(());
        }
    }
    let missing = missing_features(case, &db)?;
    if !missing.is_empty() {
        eprintln!("skipped {name}: the server lacks {}", missing.join(", "));
        return Ok(());
    }
    let to_db = pooled_db(&format!("{name}_to"));
    db.psql_file(case.join("from.sql"))
        .map_err(|e| format!("loading from.sql: {e}"))?;
    if case.join("data.sql").exists() {
        db.psql_file(case.join("data.sql"))
            .map_err(|e| format!("loading data.sql: {e}"))?;
    }
    // A refused `to.sql` is planned from the loaded `from.sql` alone: it need not load
    // with psql either (an unknown role is refused by both).
    if let Ok(expected) = std::fs::read_to_string(case.join("expect-error")) {
        return match plan_sql(&db, &case.join("to.sql"), &filter).await {
            Err(e) if e.contains(expected.trim()) => Ok(()),
            Err(e) => Err(format!("refused, but not with {:?}: {e}", expected.trim())),
            Ok(planned) => Err(format!(
                "expected a refusal ({}), got a plan:\n{}",
                expected.trim(),
                planned.forward()
            )),
        };
    }
    to_db
        .psql_file(case.join("to.sql"))
        .map_err(|e| format!("loading to.sql: {e}"))?;
    let client = connection(&db).await;
    let to_client = connection(&to_db).await;
    let from_cat = catalog(&client, &filter).await;
    let to_cat = catalog(&to_client, &filter).await;
    let all_rows = !case.join("data-lost").exists();
    let rows_before = rows(&client, &from_cat, &to_cat, all_rows).await;
    // `during.sql`: the old and the new application's writes, with their own assertions, run
    // after expand and after backfill inside a transaction that is rolled back.
    let during = std::fs::read_to_string(case.join("during.sql")).ok();

    // `one-way`: extensions (one name per line) whose version change has no way back on the
    // server; the plan must say so, and the reverse keeps the new version.
    let one_way: Vec<String> = std::fs::read_to_string(case.join("one-way"))
        .map(|t| {
            t.lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let dump_from = pgdump::schema(&db)?;
    let dump_to = pgdump::schema(&to_db)?;
    let planned = plan_sql(&db, &case.join("to.sql"), &filter).await?;
    let forward = planned.forward();
    let reverse = planned.reverse();
    if empty_plan && !planned.plan.is_empty() {
        return Err(format!("the plan must be empty:\n{forward}"));
    }
    for name in &one_way {
        let said = planned.plan.steps().any(|s| {
            s.object == (schemadiff::model::ObjectId::Extension { name: name.clone() })
                && s.reverse_note
                    .as_ref()
                    .is_some_and(|n| n.contains("no update path back"))
        });
        if !said {
            return Err(format!(
                "one-way: the plan does not say that extension {name} cannot go back\n{forward}"
            ));
        }
    }
    // squawk judges every phase's script: a finding must name a hazard the plan reports.
    let scratch = tempfile::tempdir().unwrap();
    let major = server_major(&db)?;
    let findings: Vec<String> = planned
        .phases
        .iter()
        .flat_map(|(phase, sql, _)| {
            squawk::unexplained(&planned.plan, *phase, sql, major, scratch.path())
        })
        .collect();
    if !findings.is_empty() {
        return Err(format!(
            "squawk findings that no hazard of the plan names:\n  {}\n--- script ---\n{forward}",
            findings.join("\n  ")
        ));
    }
    // Phases are barriers: each runs on its own. After expand, the old code still works, and
    // expand's own reverse undoes it (when later phases follow, so that this is not the same
    // as the full round trip below).
    for (i, (phase, sql, undo)) in planned.phases.iter().enumerate() {
        db.psql(sql).map_err(|e| {
            format!("{phase} script failed: {e}\n--- {phase} ---\n{sql}\n--- whole forward ---\n{forward}")
        })?;
        if let Some(during) = during.as_ref().filter(|_| *phase != Phase::Contract) {
            db.psql(&format!("BEGIN;\n{during}\nROLLBACK;\n"))
                .map_err(|e| {
                    format!("during.sql after {phase} failed: {e}\n--- {phase} ---\n{sql}")
                })?;
        }
        if *phase == Phase::Expand {
            let mid = catalog(&client, &filter).await;
            let widened: Vec<_> = planned
                .plan
                .phase(Phase::Expand)
                .iter()
                .filter(|s| {
                    s.kind == "alter-column-type"
                        && s.notes
                            .iter()
                            .any(|n| n.contains("without rewriting the table"))
                })
                .map(|s| s.object.clone())
                .collect();
            let renamed_away: Vec<String> = planned
                .plan
                .phase(Phase::Expand)
                .iter()
                .filter(|s| {
                    s.kind.starts_with("rename-") && s.hazards().contains(&Hazard::BreaksOldCode)
                })
                .filter_map(|s| s.definition_change.as_ref().map(|(old, _)| old.clone()))
                .collect();
            old_code_still_works(&from_cat, &mid, &widened, &renamed_away)
                .map_err(|e| format!("{e}\n--- expand ---\n{sql}"))?;
            if i + 1 < planned.phases.len() {
                db.psql(undo).map_err(|e| {
                    format!("reverse of expand alone failed: {e}\n--- undo ---\n{undo}\n--- expand ---\n{sql}")
                })?;
                let back = kept_one_way(catalog(&client, &filter).await, &from_cat, &one_way);
                if back != from_cat {
                    return Err(format!(
                        "reverse of expand alone does not restore from.sql's catalog:\n{}\n--- undo ---\n{undo}",
                        first_difference(&back, &from_cat)
                    ));
                }
                pgdump::same(
                    &pgdump::schema(&db)?,
                    &dump_from,
                    "after the reverse of expand alone, pg_dump differs from from.sql's",
                )
                .map_err(|e| format!("{e}\n--- undo ---\n{undo}"))?;
                db.psql(sql)
                    .map_err(|e| format!("expand again after its reverse failed: {e}"))?;
            }
        }
    }
    let after_read = introspected(&client, &filter).await;
    let after = normalized(after_read.clone());
    if after != to_cat {
        return Err(format!(
            "after forward, catalog differs from to.sql's:\n{}\n--- script ---\n{forward}",
            first_difference(&after, &to_cat)
        ));
    }
    pgdump::same(
        &pgdump::schema(&db)?,
        &dump_to,
        "after forward, pg_dump differs from to.sql's",
    )
    .map_err(|e| format!("{e}\n--- script ---\n{forward}"))?;
    let again = plan_again(
        &db,
        &client,
        after_read,
        &case.join("to.sql"),
        &planned,
        &filter,
    )
    .await?;
    if !again.plan.is_empty() {
        return Err(format!(
            "second plan is not empty:\n{}\n--- first script ---\n{forward}",
            again.forward()
        ));
    }
    if let Ok(check) = std::fs::read_to_string(case.join("check.sql")) {
        let out = db
            .psql(&check)
            .map_err(|e| format!("check.sql failed: {e}"))?;
        let wrong: Vec<&str> = out
            .lines()
            .filter(|l| !l.trim().is_empty() && l.trim() != "t")
            .collect();
        if !wrong.is_empty() || !out.lines().any(|l| l.trim() == "t") {
            return Err(format!(
                "check.sql after forward: every query must print t, got:\n{out}\n--- script ---\n{forward}"
            ));
        }
    }
    for (phase, _, undo) in planned.phases.iter().rev() {
        db.psql(undo).map_err(|e| {
            format!(
                "reverse of {phase} failed: {e}\n--- reverse ---\n{reverse}\n--- forward ---\n{forward}"
            )
        })?;
    }
    let back = kept_one_way(catalog(&client, &filter).await, &from_cat, &one_way);
    if back != from_cat {
        return Err(format!(
            "after reverse, catalog differs from from.sql's:\n{}\n--- reverse ---\n{reverse}",
            first_difference(&back, &from_cat)
        ));
    }
    pgdump::same(
        &pgdump::schema(&db)?,
        &dump_from,
        "after reverse, pg_dump differs from from.sql's",
    )
    .map_err(|e| format!("{e}\n--- reverse ---\n{reverse}"))?;
    let rows_after = rows(&client, &from_cat, &to_cat, all_rows).await;
    if rows_after != rows_before {
        return Err(format!(
            "rows changed after forward + reverse:\nbefore: {rows_before:?}\nafter:  {rows_after:?}"
        ));
    }
    Ok(())
}

/// The number of workers: `SCHEMADIFF_WORKERS`, or two per core. A worker spends much of a
/// case waiting on psql, pg_dump and the server, so one per core leaves the CPU partly idle
/// (docs/benchmarks.md, issue 10).
pub fn workers() -> usize {
    std::env::var("SCHEMADIFF_WORKERS")
        .ok()
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(4, |n| 2 * n.get())
                .clamp(2, 8)
        })
}

/// `f` on every item, on [`workers`] threads each with its own single-threaded runtime;
/// the results in no particular order.
pub fn parallel<T: Send, R: Send>(
    items: Vec<T>,
    f: impl Fn(&tokio::runtime::Runtime, T) -> R + Sync,
) -> Vec<R> {
    let queue = Mutex::new(items);
    let out = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers() {
            s.spawn(|| {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                loop {
                    let Some(item) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let r = f(&rt, item);
                    out.lock().unwrap().push(r);
                }
            });
        }
    });
    out.into_inner().unwrap()
}
