//! Tests of the pg_dump normalizer (`pgdump.rs` is past the size where files may grow).

use super::*;

const PREAMBLE: &str = "--\n-- PostgreSQL database dump\n--\n\n\\restrict KEY\n\n\
        -- Dumped from database version 15.18\n-- Dumped by pg_dump version 15.18\n\n\
        SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n\n";
const TRAILER: &str = "--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict KEY\n\n";

fn entry(title: &str, body: &str) -> String {
    format!("--\n-- Name: {title}\n--\n\n{body}\n\n\n")
}

fn dump(entries: &[String], key: &str) -> String {
    format!(
        "{}{}{}",
        PREAMBLE.replace("KEY", key),
        entries.concat(),
        TRAILER.replace("KEY", key)
    )
}

fn table(cols: &[&str], tail: &str) -> String {
    entry(
        "t; Type: TABLE; Schema: public; Owner: postgres",
        &format!(
            "CREATE TABLE public.t (\n{}\n){tail};\n\n\nALTER TABLE public.t OWNER TO postgres;",
            cols.iter()
                .map(|c| format!("    {c}"))
                .collect::<Vec<_>>()
                .join(",\n")
        ),
    )
}

fn function(body: &str) -> String {
    entry(
        "f(); Type: FUNCTION; Schema: public; Owner: postgres",
        &format!(
            "CREATE FUNCTION public.f() RETURNS integer\n    LANGUAGE sql\n    AS $${body}$$;"
        ),
    )
}

fn n(text: &str) -> Dump {
    normalize(text, "sdt_case_1_2")
}

#[test]
fn comments_keys_and_versions_are_not_part_of_the_schema() {
    let a = dump(&[table(&["a integer"], "")], "abc");
    let b = dump(&[table(&["a integer"], "")], "xyz").replace("15.18", "15.19");
    assert_eq!(n(&a), n(&b));
    assert!(!n(&a).text().contains("restrict"), "{}", n(&a).text());
    assert!(!n(&a).text().contains("Dumped"), "{}", n(&a).text());
    // The entry's title is kept, so a diff says what the object is.
    assert!(n(&a).text().contains("-- Name: t; Type: TABLE"));
}

#[test]
fn column_order_in_create_table_is_not_a_difference() {
    let a = dump(
        &[table(
            &[
                "a integer NOT NULL",
                "b text",
                "CONSTRAINT c CHECK ((a > 0))",
            ],
            "",
        )],
        "k",
    );
    let b = dump(
        &[table(
            &[
                "b text",
                "CONSTRAINT c CHECK ((a > 0))",
                "a integer NOT NULL",
            ],
            "",
        )],
        "k",
    );
    assert_eq!(n(&a), n(&b));
}

#[test]
fn a_changed_or_missing_column_is_a_difference() {
    let a = dump(&[table(&["a integer", "b text"], "")], "k");
    let retyped = dump(&[table(&["a bigint", "b text"], "")], "k");
    let missing = dump(&[table(&["a integer"], "")], "k");
    let collated = dump(
        &[table(&["a integer", "b text COLLATE pg_catalog.\"C\""], "")],
        "k",
    );
    for other in [&retyped, &missing, &collated] {
        assert_ne!(n(&a), n(other));
    }
    let err = same(&n(&retyped), &n(&a), "after forward").unwrap_err();
    assert!(err.starts_with("after forward:\n"), "{err}");
    assert!(err.contains("-    a integer\n+    a bigint"), "{err}");
}

#[test]
fn per_column_statements_after_create_table_follow_column_order() {
    let stats_a = "ALTER TABLE ONLY public.t ALTER COLUMN a SET STATISTICS 100;";
    let stats_b = "ALTER TABLE ONLY public.t ALTER COLUMN b SET STORAGE MAIN;";
    let mk = |cols: &[&str], first: &str, second: &str| {
        entry(
            "t; Type: TABLE; Schema: public; Owner: postgres",
            &format!(
                "CREATE TABLE public.t (\n    {}\n);\n{first}\n{second}\n\n\nALTER TABLE public.t OWNER TO postgres;",
                cols.join(",\n    ")
            ),
        )
    };
    let a = dump(&[mk(&["a integer", "b text"], stats_a, stats_b)], "k");
    let b = dump(&[mk(&["b text", "a integer"], stats_b, stats_a)], "k");
    assert_eq!(n(&a), n(&b));
    let c = dump(&[mk(&["a integer", "b text"], stats_a, "")], "k");
    assert_ne!(n(&a), n(&c));
}

#[test]
fn the_clauses_after_the_column_list_still_count() {
    let plain = dump(&[table(&["a integer"], "")], "k");
    let partitioned = dump(&[table(&["a integer"], "\nPARTITION BY RANGE (a)")], "k");
    assert_ne!(n(&plain), n(&partitioned));
}

#[test]
fn composite_type_attribute_order_and_enum_label_order_count() {
    let ty = |attrs: &str| {
        entry(
            "c; Type: TYPE; Schema: public; Owner: postgres",
            &format!("CREATE TYPE public.c AS (\n{attrs}\n);"),
        )
    };
    assert_ne!(
        n(&dump(&[ty("    x integer,\n    y text")], "k")),
        n(&dump(&[ty("    y text,\n    x integer")], "k"))
    );
    let en = |labels: &str| {
        entry(
            "e; Type: TYPE; Schema: public; Owner: postgres",
            &format!("CREATE TYPE public.e AS ENUM (\n{labels}\n);"),
        )
    };
    assert_ne!(
        n(&dump(&[en("    'a',\n    'b'")], "k")),
        n(&dump(&[en("    'b',\n    'a'")], "k"))
    );
}

#[test]
fn statistics_column_order_is_not_a_difference_but_expressions_count() {
    assert_eq!(
        sort_statistics_columns(
            "CREATE STATISTICS s.x (ndistinct) ON \"ID\", b, (lower(a)) FROM s.t;"
        ),
        sort_statistics_columns(
            "CREATE STATISTICS s.x (ndistinct) ON b, \"ID\", (lower(a)) FROM s.t;"
        ),
    );
    assert_ne!(
        sort_statistics_columns("CREATE STATISTICS s.x ON a, (lower(b)) FROM s.t;"),
        sort_statistics_columns("CREATE STATISTICS s.x ON a, (upper(b)) FROM s.t;"),
    );
}

#[test]
fn entry_order_is_not_a_difference_but_every_entry_counts() {
    let f = function("SELECT 1");
    let t = table(&["a integer"], "");
    assert_eq!(
        n(&dump(&[f.clone(), t.clone()], "k")),
        n(&dump(&[t.clone(), f.clone()], "k"))
    );
    assert_ne!(n(&dump(&[f, t.clone()], "k")), n(&dump(&[t], "k")));
}

#[test]
fn function_bodies_compare_exactly_blank_lines_and_comments_included() {
    let a = n(&dump(&[function("\nSELECT 1\n")], "k"));
    assert_ne!(a, n(&dump(&[function("\n\nSELECT 1\n")], "k")));
    assert_ne!(a, n(&dump(&[function("\n-- one\nSELECT 1\n")], "k")));
    assert_ne!(a, n(&dump(&[function("\nSELECT 2\n")], "k")));
}

#[test]
fn grant_order_within_an_acl_entry_is_not_a_difference() {
    let acl = |grants: &[&str]| {
        entry(
            "TABLE t; Type: ACL; Schema: public; Owner: postgres",
            &grants.join("\n"),
        )
    };
    let r = "GRANT SELECT ON TABLE public.t TO schemadiff_reader;";
    let w = "GRANT INSERT ON TABLE public.t TO schemadiff_writer;";
    assert_eq!(
        n(&dump(&[acl(&[r, w])], "k")),
        n(&dump(&[acl(&[w, r])], "k"))
    );
    assert_ne!(n(&dump(&[acl(&[r, w])], "k")), n(&dump(&[acl(&[r])], "k")));
}

#[test]
fn default_tablespace_and_access_method_switches_are_dropped_wherever_they_are() {
    let switches = "SET default_tablespace = '';\n\nSET default_table_access_method = heap;\n\n";
    let f = function("SELECT 1");
    let t = table(&["a integer"], "");
    let a = dump(&[f.clone(), switches.to_owned(), t.clone()], "k");
    let b = dump(&[switches.to_owned(), t.clone(), f.clone()], "k");
    assert_eq!(n(&a), n(&b));
    // Any other value is kept, with the entry it precedes.
    let other = "SET default_tablespace = fast;\n\n";
    let c = dump(&[f, other.to_owned(), t], "k");
    assert_ne!(n(&a), n(&c));
    assert!(
        n(&c)
            .entries()
            .iter()
            .any(|e| e.contains("Type: TABLE") && e.contains("SET default_tablespace = fast;")),
        "{}",
        n(&c).text()
    );
}

#[test]
fn storage_parameter_order_is_not_a_difference_but_their_values_are() {
    let a = dump(
        &[table(
            &["a integer"],
            "\nWITH (autovacuum_vacuum_scale_factor='0.01', fillfactor='70')",
        )],
        "k",
    );
    let b = dump(
        &[table(
            &["a integer"],
            "\nWITH (fillfactor='70', autovacuum_vacuum_scale_factor='0.01')",
        )],
        "k",
    );
    let c = dump(
        &[table(
            &["a integer"],
            "\nWITH (fillfactor='80', autovacuum_vacuum_scale_factor='0.01')",
        )],
        "k",
    );
    assert_eq!(n(&a), n(&b));
    assert_ne!(n(&a), n(&c));
    assert_eq!(
        sort_storage_options(
            "ADD CONSTRAINT k UNIQUE (c) WITH (fillfactor='70', deduplicate_items=off);"
        ),
        "ADD CONSTRAINT k UNIQUE (c) WITH (deduplicate_items=off, fillfactor='70');"
    );
    assert_eq!(
        sort_storage_options(
            "CREATE INDEX i ON public.t USING btree (a) WITH (pages_per_range='4', fillfactor='7''0')"
        ),
        "CREATE INDEX i ON public.t USING btree (a) WITH (fillfactor='7''0', pages_per_range='4')"
    );
    // Anything but a list of key='value' after WITH ( is left alone.
    for line in [
        "WITH (SELECT 1) SELECT 2",
        "CREATE VIEW v WITH (security_barrier='true') AS",
        "WITH (b = '1', a = 2)",
    ] {
        let expected = line.to_owned();
        assert_eq!(sort_storage_options(line), expected);
    }
}

#[test]
fn the_database_name_is_not_part_of_the_schema() {
    let body = |db: &str| {
        entry(
            "FUNCTION f(); Type: COMMENT; Schema: public; Owner: postgres",
            &format!("COMMENT ON FUNCTION public.f() IS 'made in {db}';"),
        )
    };
    assert_eq!(
        normalize(&dump(&[body("sdt_a_1_1")], "k"), "sdt_a_1_1"),
        normalize(&dump(&[body("sdt_a_to_1_2")], "k"), "sdt_a_to_1_2")
    );
}

#[test]
fn a_real_dump_shape_is_split_into_titled_entries() {
    let d = n(&dump(
        &[
            function("SELECT 1"),
            table(&["a integer"], ""),
            entry(
                "t t_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres",
                "ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_pkey PRIMARY KEY (a);",
            ),
        ],
        "k",
    ));
    let titles: Vec<&str> = d
        .entries()
        .iter()
        .map(|e| e.lines().next().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "-- (preamble)",
            "-- Name: f(); Type: FUNCTION; Schema: public; Owner: postgres",
            "-- Name: t t_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres",
            "-- Name: t; Type: TABLE; Schema: public; Owner: postgres",
        ]
    );
}
