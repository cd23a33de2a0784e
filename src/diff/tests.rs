//! Diff unit tests on hand-built catalogs; one snapshot line per change.

use super::*;
use crate::model::testing::*;
use crate::model::*;

fn summary(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| format!("{:<24} {}\n", c.kind(), c.object()))
        .collect()
}

macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"), prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn identical_catalogs_have_no_changes() {
    let mut t = table("t", vec![col("id", "integer")]);
    t.constraints.insert("t_pkey".into(), pk("t_pkey", "id"));
    let c = with_tables(vec![t]);
    assert!(diff(&c, &c).is_empty());
}

#[test]
fn column_order_is_not_a_change() {
    let a = with_tables(vec![table(
        "t",
        vec![col("a", "integer"), col("b", "text")],
    )]);
    let b = with_tables(vec![table(
        "t",
        vec![col("b", "text"), col("a", "integer")],
    )]);
    assert!(diff(&a, &b).is_empty());
}

#[test]
fn created_and_dropped_tables_bring_their_parts() {
    let mut t = table("new", vec![col("id", "integer")]);
    t.constraints
        .insert("new_pkey".into(), pk("new_pkey", "id"));
    t.comment = Some("fresh".into());
    let mut old = table("old", vec![col("id", "integer")]);
    old.constraints
        .insert("old_pkey".into(), pk("old_pkey", "id"));
    let changes = diff(&with_tables(vec![old]), &with_tables(vec![t]));
    snap!("diff_create_and_drop_table", summary(&changes));
    // The dropped table is bare: its reverse recreates only the columns, and the constraint
    // comes back through the reverse of its own drop.
    let dropped = changes.iter().find_map(|c| match c {
        Change::DropTable(t) => Some(t),
        _ => None,
    });
    assert!(dropped.expect("a table drop").constraints.is_empty());
}

#[test]
fn column_attributes_each_make_a_change() {
    let mut a = col("c", "integer");
    let mut b = col("c", "bigint");
    a.default = Some("0".into());
    b.not_null = true;
    b.comment = Some("count".into());
    let changes = diff(
        &with_tables(vec![table("t", vec![a])]),
        &with_tables(vec![table("t", vec![b])]),
    );
    snap!("diff_column_attributes", summary(&changes));
}

#[test]
fn enum_appends_in_place_and_rebuilds_otherwise() {
    let mut a = Catalog::default();
    let mut b = Catalog::default();
    a.enums.insert(qn("mood"), enum_type(&["sad", "ok"]));
    b.enums
        .insert(qn("mood"), enum_type(&["sad", "meh", "ok", "happy"]));
    assert_eq!(diff(&a, &b)[0].kind(), "add-enum-values");
    b.enums.insert(qn("mood"), enum_type(&["ok", "sad"]));
    assert_eq!(diff(&a, &b)[0].kind(), "rebuild-enum");
    b.enums.insert(qn("mood"), enum_type(&["sad"]));
    assert_eq!(diff(&a, &b)[0].kind(), "rebuild-enum");
}

#[test]
fn not_valid_to_valid_is_a_validation() {
    let mut fk = pk("t_fk", "x");
    fk.kind = ConstraintKind::ForeignKey;
    fk.definition = "FOREIGN KEY (x) REFERENCES public.u(id) NOT VALID".into();
    fk.validated = false;
    let mut a = table("t", vec![col("x", "integer")]);
    a.constraints.insert("t_fk".into(), fk.clone());
    let mut b = a.clone();
    fk.definition = "FOREIGN KEY (x) REFERENCES public.u(id)".into();
    fk.validated = true;
    b.constraints.insert("t_fk".into(), fk);
    let changes = diff(&with_tables(vec![a]), &with_tables(vec![b]));
    assert_eq!(
        summary(&changes),
        "validate-constraint      constraint t_fk on public.t\n"
    );
}

fn defined(kind: DefinedKind, name: &str, definition: &str, target: Option<i32>) -> Defined {
    Defined {
        kind,
        name: QualifiedName::new("public", name),
        definition: definition.into(),
        target,
        comment: None,
        depends_on: Set::new(),
    }
}

fn with_defined(objects: Vec<Defined>) -> Catalog {
    let mut t = table("t", vec![col("a", "integer"), col("b", "integer")]);
    for d in objects {
        t.defined.insert((d.kind, d.name.clone()), d);
    }
    with_tables(vec![t])
}

#[test]
fn statistics_and_rules_are_dropped_and_created_or_retargeted() {
    let stats = "CREATE STATISTICS public.s ON a, b FROM public.t";
    let rule = "CREATE RULE r AS ON DELETE TO public.t DO INSTEAD NOTHING";
    let from = with_defined(vec![
        defined(DefinedKind::Statistics, "s", stats, None),
        defined(DefinedKind::Rule, "r", rule, None),
    ]);
    let mut commented = defined(DefinedKind::Rule, "r", rule, None);
    commented.comment = Some("kept".into());
    let retargeted = with_defined(vec![
        defined(DefinedKind::Statistics, "s", stats, Some(500)),
        commented,
    ]);
    assert_eq!(
        summary(&diff(&from, &retargeted)),
        "alter-statistics-target  statistics public.s on public.t\n\
         set-comment              rule r on public.t\n"
    );
    let changed = with_defined(vec![defined(
        DefinedKind::Statistics,
        "s",
        "CREATE STATISTICS public.s (mcv) ON a, b FROM public.t",
        None,
    )]);
    assert_eq!(
        summary(&diff(&from, &changed)),
        "drop-statistics          statistics public.s on public.t\n\
         create-statistics        statistics public.s on public.t\n\
         drop-rule                rule r on public.t\n"
    );
    // A dropped table takes its statistics and rules: their drops come before the table's.
    let kinds: Vec<&str> = diff(&from, &Catalog::default())
        .iter()
        .map(Change::kind)
        .collect();
    assert_eq!(kinds, ["drop-statistics", "drop-rule", "drop-table"]);
}
