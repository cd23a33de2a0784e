use super::*;
use crate::ddl::{fixtures, snap};
use crate::model::{Function, FunctionId, FunctionKind, QualifiedName};

fn rendered(c: &Catalog) -> String {
    let stmts = dump(c).unwrap_or_else(|e| panic!("dump failed: {e}"));
    let mut out = Vec::new();
    render_dump(&stmts, &mut out).unwrap_or_else(|e| panic!("render failed: {e}"));
    String::from_utf8(out).unwrap_or_default()
}

#[test]
fn full_dump() {
    snap!("full_dump", rendered(&fixtures::catalog()));
}

#[test]
fn dump_is_deterministic() {
    let c = fixtures::catalog();
    // Catalogs that differ only in how they were built (insertion order) dump identically.
    let mut shuffled = Catalog::default();
    for (k, v) in c.tables.iter().rev() {
        shuffled.tables.insert(k.clone(), v.clone());
    }
    shuffled.schemas = c.schemas.clone();
    shuffled.extensions = c.extensions.clone();
    shuffled.collations = c.collations.clone();
    shuffled.access_methods = c.access_methods.clone();
    shuffled.enums = c.enums.clone();
    shuffled.domains = c.domains.clone();
    shuffled.composites = c.composites.clone();
    shuffled.sequences = c.sequences.clone();
    shuffled.views = c.views.clone();
    shuffled.functions = c.functions.clone();
    assert_eq!(rendered(&c), rendered(&shuffled));
    assert_eq!(rendered(&c), rendered(&c));
}

fn position(stmts: &[DumpStatement], needle: &str) -> usize {
    stmts
        .iter()
        .position(|s| s.sql.contains(needle))
        .unwrap_or_else(|| panic!("no statement contains {needle:?}"))
}

#[test]
fn structural_order() {
    let stmts = dump(&fixtures::catalog()).unwrap_or_else(|e| panic!("{e}"));
    let before = |a: &str, b: &str| {
        assert!(
            position(&stmts, a) < position(&stmts, b),
            "{a:?} must come before {b:?}"
        );
    };
    before(
        "CREATE SEQUENCE public.\"Order Items_id_seq\"",
        "CREATE TABLE public.\"Order Items\"",
    );
    before(
        "CREATE TABLE public.\"Order Items\"",
        "OWNED BY public.\"Order Items\".id",
    );
    before(
        "ADD CONSTRAINT orders_pkey",
        "ADD CONSTRAINT order_items_order_fk",
    );
    before(
        "CREATE TABLE public.events ",
        "CREATE UNLOGGED TABLE public.events_2024",
    );
    before(
        "CREATE OR REPLACE FUNCTION app.audit_row()",
        "CREATE TRIGGER orders_audit",
    );
    before(
        "CREATE OR REPLACE FUNCTION public.total_qty(a integer)",
        "CREATE MATERIALIZED VIEW",
    );
    before(
        "CREATE TYPE app.\"Address\"",
        "CREATE TABLE app.audit_child",
    );
    before("CREATE SCHEMA app", "CREATE TYPE app.\"Address\"");
    before(
        "CREATE SCHEMA \"Sales Data\"",
        "CREATE COLLATION \"Sales Data\".\"No Case\"",
    );
    before(
        "CREATE COLLATION \"Sales Data\".\"No Case\"",
        "CREATE TABLE public.orders ",
    );
    before("CREATE INDEX orders_customer_idx", "REPLICA IDENTITY");
    let skipped = [
        "CREATE SCHEMA public",
        "EXTENSION plpgsql",
        "events_2024_at_idx",
        "ON ONLY",
        "orders_id_seq",
        "audit_child ADD CONSTRAINT audit_who_check",
    ];
    for s in skipped {
        assert!(
            !stmts.iter().any(|x| x.sql.contains(s)),
            "{s:?} must not be dumped"
        );
    }
}

#[test]
fn cycle_is_an_error() {
    let mut c = fixtures::catalog();
    let orders = QualifiedName::new("public", "orders");
    let f = c.functions.keys().find(|f| f.name == "total_qty").cloned();
    let Some(f) = f else {
        panic!("fixture lacks total_qty")
    };
    // The table's default calls the function, and the function returns the table's row type.
    if let Some(t) = c.tables.get_mut(&orders) {
        t.depends_on.insert(ObjectId::Function { id: f.clone() });
    }
    if let Some(func) = c.functions.get_mut(&f) {
        func.depends_on.insert(ObjectId::Table { name: orders });
    }
    let err = dump(&c).map(|_| ()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "dependency cycle: table public.orders -> function public.total_qty(integer) -> table public.orders"
    );
}

#[test]
fn split_files_follow_kinds() {
    let stmts = dump(&fixtures::catalog()).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths = write_split(&stmts, dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let mut listing = String::new();
    let mut total = 0;
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let count = text.matches(";\n").count();
        total += count;
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        listing.push_str(&format!("{name}: {count}\n"));
        assert!(text.starts_with(render::HEADER));
    }
    assert_eq!(total, stmts.len());
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(sorted, paths);
    snap!("split_listing", listing);
}

#[test]
fn aggregates_follow_their_support_functions() {
    let mut c = fixtures::catalog();
    let f = |name: &str, args: &str| FunctionId {
        schema: "app".into(),
        name: name.into(),
        args: args.into(),
    };
    // Named so that name order alone would put the aggregate first.
    let step = Function {
        id: f("z_step", "bigint, integer"),
        kind: FunctionKind::Function,
        definition: "CREATE OR REPLACE FUNCTION app.z_step(acc bigint, x integer)\n RETURNS bigint\n LANGUAGE sql\nAS $function$select acc + x$function$\n".into(),
        returns: Some("bigint".into()),
        language: "sql".into(),
        volatility: "i".into(),
        security_definer: false,
        config: vec![],
        comment: None,
        grants: Default::default(),
        depends_on: Default::default(),
    };
    let mut aggregate = Function {
        id: f("a_total", ""),
        kind: FunctionKind::Aggregate,
        definition: "CREATE OR REPLACE AGGREGATE app.a_total(*) (\n    SFUNC = app.z_step,\n    STYPE = bigint\n)".into(),
        returns: Some("bigint".into()),
        language: "internal".into(),
        volatility: "v".into(),
        comment: Some("all rows".into()),
        ..step.clone()
    };
    aggregate.depends_on.insert(ObjectId::Function {
        id: step.id.clone(),
    });
    c.functions.insert(step.id.clone(), step);
    c.functions.insert(aggregate.id.clone(), aggregate);
    let stmts = dump(&c).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        position(&stmts, "FUNCTION app.z_step") < position(&stmts, "AGGREGATE app.a_total(*) (")
    );
    assert!(
        position(&stmts, "AGGREGATE app.a_total(*) (")
            < position(&stmts, "COMMENT ON AGGREGATE app.a_total(*) IS 'all rows'")
    );
}
