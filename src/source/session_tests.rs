use super::*;

fn loc() -> Location {
    Location {
        file: "s.sql".into(),
        line: 4,
        column: 2,
    }
}

fn change(sql: &str) -> Change {
    match parse(sql, &loc()) {
        Some(Ok(c)) => c,
        other => panic!("{sql}: {other:?}"),
    }
}

fn refused(sql: &str) -> String {
    match parse(sql, &loc()) {
        Some(Err(e)) => e.to_string(),
        other => panic!("{sql} was not refused: {other:?}"),
    }
}

fn path(sql: &str) -> Vec<String> {
    match change(sql) {
        Change::Set(name, Some(Value::Path(p))) if name == "search_path" => p,
        other => panic!("{sql}: {other:?}"),
    }
}

#[test]
fn search_path_in_every_spelling() {
    assert_eq!(path("SET search_path = app, public"), ["app", "public"]);
    assert_eq!(
        path("set SESSION search_path TO App, \"Mixed Case\""),
        ["app", "Mixed Case"]
    );
    // Strings in a list setting are exact names, as PostgreSQL quotes them.
    assert_eq!(
        path("SET search_path TO 'pg_catalog', 'App'"),
        ["pg_catalog", "App"]
    );
    assert_eq!(
        path("SET search_path = \"$user\", public"),
        ["$user", "public"]
    );
    assert_eq!(path("SET SCHEMA 'app'"), ["app"]);
    assert_eq!(
        path("SELECT pg_catalog.set_config('search_path', '', false)"),
        Vec::<String>::new()
    );
    assert_eq!(
        path("select set_config('search_path', 'App, \"B c\",public', false)"),
        ["app", "B c", "public"]
    );
    assert_eq!(
        change("SET search_path TO DEFAULT"),
        Change::Set("search_path".into(), None)
    );
    assert_eq!(
        change("RESET search_path"),
        Change::Set("search_path".into(), None)
    );
    assert_eq!(change("reset all"), Change::ResetAll);
}

#[test]
fn applied_settings_keep_their_value_text() {
    assert_eq!(
        change("SET default_tablespace = ''"),
        Change::Set(
            "default_tablespace".into(),
            Some(Value::Text(String::new()))
        )
    );
    assert_eq!(
        change("SET TIME ZONE 'Europe/Paris'"),
        Change::Set("timezone".into(), Some(Value::Text("Europe/Paris".into())))
    );
    assert_eq!(
        change("SET datestyle = iso, dmy"),
        Change::Set("datestyle".into(), Some(Value::Text("iso, dmy".into())))
    );
}

#[test]
fn what_pg_dump_writes_is_accepted() {
    for sql in [
        "SET statement_timeout = 0",
        "SET lock_timeout = 0",
        "SET idle_in_transaction_session_timeout = 0",
        "SET transaction_timeout = 0",
        "SET client_encoding = 'UTF8'",
        "SET standard_conforming_strings = on",
        "SET check_function_bodies = false",
        "SET client_min_messages = warning",
        "SET row_security = off",
        "SET default_with_oids = false",
        "SET statement_timeout = -1",
    ] {
        assert_eq!(change(sql), Change::Nothing, "{sql}");
    }
    for sql in [
        "SET xmloption = content",
        "SET default_table_access_method = heap",
    ] {
        assert!(matches!(change(sql), Change::Set(_, Some(_))), "{sql}");
    }
}

#[test]
fn refusals_are_located_and_say_what_to_do() {
    for (sql, want) in [
        (
            "SET LOCAL search_path = app",
            "SET LOCAL: it only lasts until the end of a transaction",
        ),
        (
            "SET ROLE app_owner",
            "SET role: roles and ownership are not managed",
        ),
        (
            "SET SESSION AUTHORIZATION bob",
            "SET SESSION AUTHORIZATION: roles",
        ),
        (
            "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
            "transaction settings do not belong",
        ),
        ("SET CONSTRAINTS ALL DEFERRED", "transaction settings"),
        (
            "SET standard_conforming_strings = off",
            "SET standard_conforming_strings: desired files are read with standard_conforming_strings on",
        ),
        (
            "SET client_encoding = 'LATIN1'",
            "SET client_encoding: desired files are read as UTF-8",
        ),
        (
            "SET enable_seqscan = off",
            "SET enable_seqscan: not a setting schemadiff knows",
        ),
        ("SET myapp.tenant = 'x'", "SET myapp.tenant: not a setting"),
        (
            "SET search_path = app.x",
            "SET search_path: cannot read the value",
        ),
        ("SET search_path", "SET search_path: expected TO or ="),
        ("SET = 1", "SET: expected a setting name"),
        ("RESET", "RESET: expected a setting name or ALL"),
        (
            "SELECT set_config('search_path', 'app', true)",
            "set_config('search_path', ..., true): a transaction-local setting",
        ),
        (
            "SELECT set_config('search_path', current_setting('x'), false)",
            "set_config: only set_config('name', 'value', false)",
        ),
        (
            "SELECT set_config('search_path', 'a,', false)",
            "cannot read the schema list",
        ),
        ("SELECT set_config('work_mem', '1GB', false)", ""),
    ] {
        if want.is_empty() {
            assert_eq!(change(sql), Change::Nothing, "{sql}");
            continue;
        }
        let got = refused(sql);
        assert!(got.starts_with("s.sql:4:2: "), "{sql}: {got}");
        assert!(got.contains(want), "{sql}: {got}");
    }
}

#[test]
fn other_statements_are_not_session_statements() {
    for sql in [
        "select 1",
        "create table t (a int)",
        "setx = 1",
        "select pg_catalog.now()",
    ] {
        assert!(parse(sql, &loc()).is_none(), "{sql}");
    }
}

#[test]
fn sessions_accumulate_and_reset() {
    let mut s = Session::default();
    assert_eq!(s.lookup_path(), ["public"]);
    s.apply(change("SET search_path = \"$user\", app, public"), &loc());
    s.apply(change("SET default_tablespace = ''"), &loc());
    s.apply(change("SET lock_timeout = 0"), &loc());
    assert_eq!(s.lookup_path(), ["app", "public"]);
    assert_eq!(s.creation_schema().as_deref(), Some("app"));
    assert_eq!(s.settings["search_path"].value, "\"$user\", app, public");
    assert_eq!(s.settings.len(), 2);
    s.apply(
        change("SELECT pg_catalog.set_config('search_path', '', false)"),
        &loc(),
    );
    assert_eq!(s.creation_schema(), None);
    assert_eq!(s.settings["search_path"].value, "");
    s.apply(change("RESET ALL"), &loc());
    assert_eq!(s, Session::default());
}
