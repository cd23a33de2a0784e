//! Planner tests on hand-built catalogs: ordering, rebuilds, reverses, determinism.

use super::*;
use crate::model::testing::*;
use crate::model::*;

macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"), prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

fn scripts(p: &Plan) -> String {
    let mut out = Vec::new();
    crate::render::render_forward(p, &Phase::ALL, &mut out).unwrap();
    out.extend_from_slice(b"\n");
    crate::render::render_reverse(p, &Phase::ALL, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// `users(id int, name text)` with a view on both columns.
fn users_with_view(id_type: &str) -> Catalog {
    let mut c = with_tables(vec![table(
        "users",
        vec![col("id", id_type), col("name", "text")],
    )]);
    let v = view(
        "user_names",
        " SELECT users.id,\n    users.name\n   FROM public.users;",
        &[("id", id_type), ("name", "text")],
        vec![column_id("users", "id"), column_id("users", "name")],
    );
    c.views.insert(v.name.clone(), v);
    c
}

#[test]
fn a_view_is_rebuilt_around_its_column_type_change() {
    let p = plan(&users_with_view("integer"), &users_with_view("bigint")).unwrap();
    let kinds: Vec<&str> = p.steps().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, ["drop-view", "alter-column-type", "create-view"]);
    snap!("plan_view_rebuilt_around_type_change", scripts(&p));
}

#[test]
fn tables_referencing_each_other_are_created_before_their_keys() {
    let mut teams = table(
        "teams",
        vec![col("id", "integer"), col("captain", "integer")],
    );
    teams
        .constraints
        .insert("teams_pkey".into(), pk("teams_pkey", "id"));
    teams.constraints.insert(
        "teams_captain_fkey".into(),
        fk("teams_captain_fkey", "captain", "players"),
    );
    let mut players = table(
        "players",
        vec![col("id", "integer"), col("team", "integer")],
    );
    players
        .constraints
        .insert("players_pkey".into(), pk("players_pkey", "id"));
    players.constraints.insert(
        "players_team_fkey".into(),
        fk("players_team_fkey", "team", "teams"),
    );
    let both = with_tables(vec![teams, players]);
    let empty = Catalog::default();

    let forward = plan(&empty, &both).unwrap();
    let order: Vec<String> = forward
        .steps()
        .map(|s| format!("{} {}", s.kind, s.object))
        .collect();
    let pos = |needle: &str| order.iter().position(|s| s == needle).unwrap();
    // Each foreign key comes after both tables and the key it references.
    let fk_after = |fk: &str, key: &str| {
        assert!(pos(key) < pos(fk), "{key} before {fk}: {order:?}");
        assert!(
            pos("create-table table public.players") < pos(fk),
            "{order:?}"
        );
        assert!(
            pos("create-table table public.teams") < pos(fk),
            "{order:?}"
        );
    };
    fk_after(
        "add-constraint constraint teams_captain_fkey on public.teams",
        "add-constraint constraint players_pkey on public.players",
    );
    fk_after(
        "add-constraint constraint players_team_fkey on public.players",
        "add-constraint constraint teams_pkey on public.teams",
    );
    // Dropping both: the foreign keys go first, explicitly, or DROP TABLE would refuse.
    let backward = plan(&both, &empty).unwrap();
    snap!(
        "plan_drop_tables_referencing_each_other",
        scripts(&backward)
    );
}

#[test]
fn same_inputs_give_a_byte_identical_script() {
    let a = users_with_view("integer");
    let mut b = users_with_view("bigint");
    b.tables.get_mut(&qn("users")).unwrap().comment = Some("people".into());
    let first = scripts(&plan(&a, &b).unwrap());
    for _ in 0..5 {
        assert_eq!(scripts(&plan(&a, &b).unwrap()), first);
    }
}

#[test]
fn an_empty_diff_is_an_empty_plan() {
    let c = users_with_view("integer");
    let p = plan(&c, &c).unwrap();
    assert!(p.is_empty());
    assert_eq!(
        scripts(&p),
        "-- schemadiff: no changes\n\n-- schemadiff: reverse, no changes\n"
    );
}

#[test]
fn dropping_a_column_says_what_the_reverse_cannot_restore() {
    let a = with_tables(vec![table(
        "t",
        vec![col("id", "integer"), col("old", "text")],
    )]);
    let b = with_tables(vec![table("t", vec![col("id", "integer")])]);
    let p = plan(&a, &b).unwrap();
    let steps: Vec<&Step> = p.steps().collect();
    assert_eq!(steps.len(), 1);
    assert!(steps[0].hazards().contains(&Hazard::DeletesData));
    let script = scripts(&p);
    assert!(
        script.contains("-- way back: the data of column public.t.old is not restored"),
        "{script}"
    );
    assert!(
        script.contains("ALTER TABLE public.t ADD COLUMN old text;"),
        "{script}"
    );
}

#[test]
fn text_output_shows_the_definition_diff() {
    let a = users_with_view("integer");
    let mut b = a.clone();
    let v = b.views.get_mut(&qn("user_names")).unwrap();
    v.definition =
        " SELECT users.id,\n    users.name\n   FROM public.users\n  WHERE (users.id > 0);".into();
    let p = plan(&a, &b).unwrap();
    let mut out = Vec::new();
    console::set_colors_enabled(false);
    crate::render::render_text(&p, &Phase::ALL, &mut out).unwrap();
    snap!(
        "render_text_view_definition_diff",
        String::from_utf8(out).unwrap()
    );
}

/// A table moved to another access method: `SET ACCESS METHOD`, a rewrite, its reverse
/// moving it back; refused before PostgreSQL 15, which has no `SET ACCESS METHOD`, naming
/// the table (recreating it would lose its rows).
#[test]
fn a_table_changes_access_method_in_place_or_is_refused_before_15() {
    let items = |am: Option<&str>| {
        let mut t = table("items", vec![col("id", "integer")]);
        t.access_method = am.map(str::to_string);
        with_tables(vec![t])
    };
    let (from, to) = (items(None), items(Some("columnar")));
    let p = plan(&from, &to).unwrap();
    let step = p.steps().next().unwrap();
    assert_eq!(step.kind, "set-access-method");
    assert_eq!(
        step.forward[0].sql,
        "ALTER TABLE public.items SET ACCESS METHOD columnar"
    );
    assert_eq!(
        step.reverse[0].sql,
        "ALTER TABLE public.items SET ACCESS METHOD heap"
    );
    assert!(step.hazards().contains(&Hazard::RewritesTable));
    let old = Hints {
        server_version: Some(140011),
        ..Hints::default()
    };
    let err = plan_with(&from, &to, Settings::default(), &old)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("table public.items") && err.contains("PostgreSQL 15"),
        "{err}"
    );
    // Newer servers, and an unknown version, plan it.
    let new = Hints {
        server_version: Some(150004),
        ..Hints::default()
    };
    assert!(plan_with(&from, &to, Settings::default(), &new).is_ok());
}
