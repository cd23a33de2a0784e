use super::*;
use crate::source::classify::classify;
use crate::source::error::Location;

fn names_of(sql: &str) -> (Vec<String>, Vec<String>) {
    let loc = Location {
        file: "x.sql".into(),
        line: 1,
        column: 1,
    };
    let (_, ast) = classify(sql, &loc).unwrap();
    let n = names(ast.as_ref(), sql, &Session::default());
    // As if everything named existed: unqualified names resolve to the default `public`.
    let mut r = n.references;
    r.extend(resolve(&n.unresolved, &["public".into()], |_| true));
    r.sort();
    r.dedup();
    (
        n.creates.iter().map(ToString::to_string).collect(),
        r.iter().map(ToString::to_string).collect(),
    )
}

fn refs(sql: &str) -> Vec<String> {
    names_of(sql).1
}

#[test]
fn create_table_refs_types_fks_parents_and_schema() {
    let (creates, refs) = names_of(
        "create table app.\"Orders\" (id int primary key, m app.mood[], c Customers references app.customers(id), \
         s bigint default nextval('app.\"Seq\"'), foreign key (id) references other (id)) inherits (base)",
    );
    assert_eq!(creates, ["relation app.\"Orders\"", "type app.\"Orders\""]);
    for want in [
        "schema app",
        "relation app.customers",
        "relation public.other",
        "relation public.base",
        "relation app.\"Seq\"",
        "type app.mood",
        "type public.customers",
    ] {
        assert!(
            refs.contains(&want.to_string()),
            "{want} missing in {refs:?}"
        );
    }
}

#[test]
fn partition_of_refs_parent() {
    let r = refs("create table m_2024 partition of m for values from (1) to (2)");
    assert!(r.contains(&"relation public.m".to_string()), "{r:?}");
}

#[test]
fn views_ref_relations_and_functions() {
    let (c, r) = names_of(
        "create view v as select f(a) from t join s.u on true where x in (select 1 from w)",
    );
    assert_eq!(c, ["relation public.v", "type public.v"]);
    for want in [
        "relation public.t",
        "relation s.u",
        "relation public.w",
        "function public.f",
        "schema s",
    ] {
        assert!(r.contains(&want.to_string()), "{want} missing in {r:?}");
    }
}

#[test]
fn index_trigger_policy_targets() {
    let (c, r) = names_of("create index i on app.t (lower(a))");
    assert_eq!(c, ["relation app.i"]);
    assert!(
        r.contains(&"relation app.t".to_string())
            && r.contains(&"function public.lower".to_string())
    );
    let r = refs("create trigger tg before insert on t for each row execute function app.tf()");
    assert!(
        r.contains(&"relation public.t".to_string()) && r.contains(&"function app.tf".to_string()),
        "{r:?}"
    );
    assert!(refs("create policy p on t using (true)").contains(&"relation public.t".to_string()));
}

#[test]
fn function_and_type_refs() {
    let (c, r) = names_of(
        "create function app.f(m mood) returns setof app.t language sql as $$ select 1 $$",
    );
    assert_eq!(c, ["function app.f"]);
    assert!(
        r.contains(&"type public.mood".to_string()) && r.contains(&"type app.t".to_string()),
        "{r:?}"
    );
    let (c, r) = names_of("create domain app.pos as app.base_int check (value > 0)");
    assert_eq!(c, ["type app.pos"]);
    assert!(r.contains(&"type app.base_int".to_string()));
    let (c, r) = names_of("create type pair as (a mood, b int)");
    assert_eq!(c, ["type public.pair"]);
    assert!(r.contains(&"type public.mood".to_string()));
}

#[test]
fn targets_of_comment_grant_alter() {
    assert!(refs("comment on column app.t.c is 'x'").contains(&"relation app.t".to_string()));
    assert!(refs("comment on extension citext is 'x'").contains(&"extension citext".to_string()));
    assert!(refs("grant select on app.t to bob").contains(&"relation app.t".to_string()));
    assert!(refs("grant usage on schema app to bob").contains(&"schema app".to_string()));
    let r = refs("alter table t add constraint fk foreign key (a) references u (id)");
    assert!(
        r.contains(&"relation public.t".to_string())
            && r.contains(&"relation public.u".to_string())
    );
    assert!(refs("alter table t owner to bob").contains(&"relation public.t".to_string()));
}

#[test]
fn schemas_and_extensions_create() {
    assert_eq!(names_of("create schema \"App\"").0, ["schema \"App\""]);
    let (c, r) = names_of("create extension citext with schema ext");
    assert_eq!(c, ["extension citext"]);
    assert_eq!(r, ["schema ext"]);
}

#[test]
fn unparsed_statements_still_create_their_name() {
    let sql = "create table app.\"T\" (a int) partition by range (a) with (fillfactor = 70) tablespace pg_default using heap2";
    let (c, _) = names_of(sql);
    assert_eq!(c, ["relation app.\"T\"", "type app.\"T\""]);
}

#[test]
fn aggregates_create_a_function_name_and_refer_to_their_parts() {
    let (c, r) = names_of(
        "CREATE OR REPLACE AGGREGATE app.\"Total\"(integer) (\n    SFUNC = app.step,\n    STYPE = app.state,\n    FINALFUNC = done,\n    MSTYPE = integer[]\n)",
    );
    assert_eq!(c, ["function app.\"Total\""]);
    for want in [
        "function app.step",
        "type app.state",
        "function public.done",
    ] {
        assert!(r.contains(&want.to_string()), "{want} missing in {r:?}");
    }
}

#[test]
fn pg_dump_alters_sqlparser_cannot_read_still_order() {
    let sql = "ALTER TABLE app.customers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (\n    SEQUENCE NAME app.customers_id_seq\n    START WITH 1000\n)";
    let (c, r) = names_of(sql);
    assert_eq!(c, ["relation app.customers_id_seq"]);
    assert!(r.contains(&"relation app.customers".to_string()), "{r:?}");
    let r = refs(
        "ALTER TABLE ONLY app.events ATTACH PARTITION app.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
    );
    assert!(
        r.contains(&"relation app.events".to_string())
            && r.contains(&"relation app.events_2024".to_string()),
        "{r:?}"
    );
    let r = refs(
        "ALTER INDEX app.events_happened_idx ATTACH PARTITION app.events_2024_happened_at_idx",
    );
    assert!(
        r.contains(&"relation app.events_2024_happened_at_idx".to_string()),
        "{r:?}"
    );
    let r = refs(
        "ALTER TABLE ONLY app.orders ALTER COLUMN ticket SET DEFAULT nextval('app.ticket_seq'::regclass)",
    );
    assert!(r.contains(&"relation app.ticket_seq".to_string()), "{r:?}");
}
