//! What kind of statement a chunk is, and whether it belongs in a desired state at all.
//! Rejection is decided from the leading keywords, so statements sqlparser cannot parse
//! are judged by the same rules as the ones it can.

use super::error::{Location, SourceError};
use super::split::leading_words;
use sqlparser::ast;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// The coarse kind of an accepted statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatementKind {
    CreateSchema,
    CreateExtension,
    CreateTable,
    CreateIndex,
    CreateView,
    CreateMaterializedView,
    CreateSequence,
    CreateType,
    CreateDomain,
    CreateFunction,
    CreateProcedure,
    CreateAggregate,
    CreateTrigger,
    CreatePolicy,
    CreateRule,
    /// Any other CREATE (collation, operator, cast, ...): passed to PostgreSQL.
    CreateOther,
    /// Any ALTER, including `ALTER ... OWNER TO`.
    Alter,
    Comment,
    Grant,
    Revoke,
    SecurityLabel,
    /// Accepted, but of no kind listed above (PostgreSQL will judge it).
    Other,
    /// sqlparser could not parse it: passed to PostgreSQL verbatim (PostgreSQL is the
    /// authority on syntax, DESIGN decision 2).
    Unparsed,
    /// A `DO` block that only creates roles: not loaded (roles are cluster-wide), with a
    /// warning.
    RoleBlock,
}

/// Classify one statement: reject what does not belong in a desired state, otherwise
/// return its kind and, when sqlparser can parse it alone, its AST.
pub(crate) fn classify(
    sql: &str,
    location: &Location,
) -> Result<(StatementKind, Option<ast::Statement>), SourceError> {
    let words = leading_words(sql, 4);
    let reject = |message: String| SourceError::Rejected {
        location: location.clone(),
        message,
    };
    let kind = keyword_kind(&words).map_err(reject)?;
    let parsed = match Parser::parse_sql(&PostgreSqlDialect {}, sql) {
        Ok(mut statements) if statements.len() == 1 => statements.pop(),
        _ => None,
    };
    match parsed {
        // A query in parentheses or similar that the keyword check could not see.
        Some(
            ast::Statement::Query(_)
            | ast::Statement::Insert(_)
            | ast::Statement::Update(_)
            | ast::Statement::Delete(_),
        ) => Err(reject(format!(
            "{}: {DATA}",
            words.first().map_or("query", String::as_str)
        ))),
        Some(statement) => Ok((kind, Some(statement))),
        None => Ok((StatementKind::Unparsed, None)),
    }
}

/// Object kinds schemadiff does not manage, by the words that name them after `CREATE`,
/// `ALTER` or `COMMENT ON`, with what to call them in the refusal. The one list of them:
/// `read` refuses such a statement unless it is marked `-- schemadiff:external`, and the
/// README's "What it does not manage" names the same kinds.
pub(crate) const UNMANAGED: &[(&[&str], &str)] = &[
    (
        &["OPERATOR"],
        "operators, operator classes and operator families",
    ),
    (&["CAST"], "casts"),
    (
        &["TEXT", "SEARCH"],
        "text search configurations, dictionaries, parsers and templates",
    ),
    (&["FOREIGN"], "foreign data wrappers and foreign tables"),
    (&["SERVER"], "foreign servers"),
    (&["USER", "MAPPING"], "user mappings"),
    (&["LANGUAGE"], "procedural languages"),
    (&["CONVERSION"], "encoding conversions"),
    (&["TRANSFORM"], "transforms"),
    (&["SUBSCRIPTION"], "subscriptions"),
];

/// What kind of unmanaged object the statement creates, alters or comments on, if any
/// (an entry of [`UNMANAGED`]), with the words that announced it (`CREATE OPERATOR`).
pub(crate) fn unmanaged(sql: &str) -> Option<(String, &'static str)> {
    let words = leading_words(sql, 6);
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    let at = match w(0) {
        "CREATE" => {
            // Modifiers that do not change what kind of object is created.
            let mut at = 1;
            while matches!(
                w(at),
                "OR" | "REPLACE" | "TRUSTED" | "PROCEDURAL" | "DEFAULT"
            ) {
                at += 1;
            }
            at
        }
        "ALTER" => 1,
        "COMMENT" if w(1) == "ON" => 2,
        _ => return None,
    };
    UNMANAGED.iter().find_map(|(names, what)| {
        let matches = names.iter().enumerate().all(|(i, n)| w(at + i) == *n);
        matches.then(|| (words[..at + names.len()].join(" "), *what))
    })
}

/// The kind the leading keywords announce, for statements sqlparser could not parse.
pub(crate) fn keyword_kind_of(sql: &str) -> Option<StatementKind> {
    keyword_kind(&leading_words(sql, 4)).ok()
}

const DATA: &str =
    "data changes do not belong in a desired state; load data separately, after migrating";

/// The kind of an accepted statement from its leading keywords, or why it is rejected.
fn keyword_kind(words: &[String]) -> Result<StatementKind, String> {
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    let head = |n: usize| words[..n.min(words.len())].join(" ");
    let cluster_wide = |object: &str, next: &str| {
        matches!(object, "ROLE" | "DATABASE" | "TABLESPACE")
            || (matches!(object, "USER" | "GROUP") && next != "MAPPING")
            || object == "SYSTEM"
    };
    let first = w(0);
    if matches!(first, "CREATE" | "ALTER" | "DROP") && cluster_wide(w(1), w(2)) {
        return Err(format!(
            "{}: roles, users, databases and tablespaces are cluster-wide and not managed by schemadiff; manage them outside the desired state",
            head(2)
        ));
    }
    let reason = match first {
        "INSERT" | "UPDATE" | "DELETE" | "MERGE" | "TRUNCATE" | "COPY" | "SELECT" | "VALUES"
        | "TABLE" | "WITH" => DATA,
        "DROP" => "a desired state lists what should exist; remove the CREATE instead",
        "BEGIN" | "START" | "COMMIT" | "ROLLBACK" | "SAVEPOINT" | "RELEASE" | "END" | "ABORT" => {
            "transaction control does not belong in a desired state; schemadiff chooses transactions itself, remove it"
        }
        "SET" | "RESET" => {
            "this session setting is not read; schema-qualify names or use SET search_path"
        }
        "DO" => {
            "anonymous code blocks cannot be diffed; write the objects they create as plain statements (a block that only creates roles is skipped)"
        }
        "VACUUM" | "ANALYZE" | "ANALYSE" | "CLUSTER" | "REINDEX" | "REFRESH" | "CHECKPOINT" => {
            "maintenance commands do not belong in a desired state; remove it"
        }
        "LISTEN" | "NOTIFY" | "UNLISTEN" => {
            "notifications do not belong in a desired state; remove it"
        }
        "CALL" => "calling a procedure runs code instead of declaring schema; remove it",
        "LOCK" | "SHOW" | "EXPLAIN" | "DECLARE" | "FETCH" | "MOVE" | "CLOSE" | "PREPARE"
        | "EXECUTE" | "DEALLOCATE" | "DISCARD" | "LOAD" => {
            "session commands do not belong in a desired state; remove it"
        }
        "CREATE" => return create_kind(&words[1..]),
        "ALTER" => return Ok(StatementKind::Alter),
        "COMMENT" => return Ok(StatementKind::Comment),
        "GRANT" => return Ok(StatementKind::Grant),
        "REVOKE" => return Ok(StatementKind::Revoke),
        "SECURITY" => return Ok(StatementKind::SecurityLabel),
        _ => return Ok(StatementKind::Other),
    };
    let n = if first == "DROP" { 2 } else { 1 };
    Err(format!("{}: {reason}", head(n)))
}

fn create_kind(words: &[String]) -> Result<StatementKind, String> {
    let mut rest = words;
    // Modifiers that do not change what kind of object is created.
    while let Some(w) = rest.first() {
        match w.as_str() {
            "OR" | "REPLACE" | "UNLOGGED" | "UNIQUE" | "RECURSIVE" | "CONSTRAINT" | "TRUSTED"
            | "PROCEDURAL" | "DEFAULT" => rest = &rest[1..],
            "TEMP" | "TEMPORARY" | "GLOBAL" | "LOCAL" => {
                return Err(
                    "CREATE TEMPORARY: temporary objects vanish with the session; create a regular object or remove it"
                        .into(),
                );
            }
            _ => break,
        }
    }
    use StatementKind::*;
    Ok(match rest.first().map_or("", String::as_str) {
        "SCHEMA" => CreateSchema,
        "EXTENSION" => CreateExtension,
        "TABLE" => CreateTable,
        "INDEX" => CreateIndex,
        "VIEW" => CreateView,
        "MATERIALIZED" => CreateMaterializedView,
        "SEQUENCE" => CreateSequence,
        "TYPE" => CreateType,
        "DOMAIN" => CreateDomain,
        "FUNCTION" => CreateFunction,
        "PROCEDURE" => CreateProcedure,
        "AGGREGATE" => CreateAggregate,
        "TRIGGER" => CreateTrigger,
        "POLICY" => CreatePolicy,
        "RULE" => CreateRule,
        _ => CreateOther,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Location {
        Location {
            file: "d.sql".into(),
            line: 7,
            column: 3,
        }
    }

    fn kind(sql: &str) -> StatementKind {
        classify(sql, &loc()).unwrap().0
    }

    fn rejected(sql: &str) -> String {
        match classify(sql, &loc()) {
            Err(e @ SourceError::Rejected { .. }) => e.to_string(),
            other => panic!("{sql} was not rejected: {other:?}"),
        }
    }

    #[test]
    fn accepts_ddl() {
        use StatementKind::*;
        for (sql, want) in [
            ("create schema app", CreateSchema),
            ("create extension if not exists pgcrypto", CreateExtension),
            ("create unlogged table t (a int)", CreateTable),
            ("create unique index i on t (a)", CreateIndex),
            ("create or replace view v as select 1 as x", CreateView),
            (
                "create materialized view m as select 1 as x",
                CreateMaterializedView,
            ),
            ("create sequence s", CreateSequence),
            ("create type mood as enum ('a', 'b')", CreateType),
            ("create domain pos as int check (value > 0)", CreateDomain),
            (
                "create function f() returns int language sql as $$ select 1 $$",
                CreateFunction,
            ),
            ("create policy p on t using (true)", CreatePolicy),
            ("alter table t owner to bob", Alter),
            ("comment on table t is 'x'", Comment),
            ("grant select on t to bob", Grant),
            ("revoke select on t from bob", Revoke),
        ] {
            assert_eq!(kind(sql), want, "{sql}");
        }
    }

    #[test]
    fn unparseable_ddl_passes_through() {
        assert_eq!(
            kind(
                "create table t (a int) partition by range (a) with (fillfactor = 70) tablespace pg_default using heap2"
            ),
            StatementKind::Unparsed
        );
        assert_eq!(
            kind("security label on table t is 'x'"),
            StatementKind::Unparsed
        );
    }

    #[test]
    fn rejects_each_kind_with_a_located_reason() {
        for (sql, want) in [
            (
                "insert into t values (1)",
                "INSERT: data changes do not belong",
            ),
            ("UPDATE t SET a = 1", "UPDATE: data changes"),
            ("delete from t", "DELETE: data changes"),
            (
                "merge into t using s on true when matched then do nothing",
                "MERGE: data changes",
            ),
            ("truncate t", "TRUNCATE: data changes"),
            ("copy t from stdin", "COPY: data changes"),
            ("select 1", "SELECT: data changes"),
            (
                "with x as (select 1) insert into t select * from x",
                "WITH: data changes",
            ),
            ("(select 1)", "query: data changes"),
            (
                "drop table t",
                "DROP TABLE: a desired state lists what should exist; remove the CREATE instead",
            ),
            ("begin", "BEGIN: transaction control"),
            ("start transaction", "START: transaction control"),
            ("commit", "COMMIT: transaction control"),
            ("rollback", "ROLLBACK: transaction control"),
            ("savepoint a", "SAVEPOINT: transaction control"),
            ("end", "END: transaction control"),
            // Session statements are read by `session` before classification; these are
            // the ones it leaves (none in practice), refused all the same.
            (
                "set search_path = app",
                "SET: this session setting is not read; schema-qualify names or use SET search_path",
            ),
            ("reset all", "RESET: this session setting"),
            ("do $$ begin end $$", "DO: anonymous code blocks"),
            (
                "create role bob",
                "CREATE ROLE: roles, users, databases and tablespaces are cluster-wide",
            ),
            ("alter user bob superuser", "ALTER USER: roles"),
            ("drop database x", "DROP DATABASE: roles"),
            (
                "create tablespace x location '/tmp'",
                "CREATE TABLESPACE: roles",
            ),
            ("vacuum t", "VACUUM: maintenance"),
            ("analyze t", "ANALYZE: maintenance"),
            ("cluster t using i", "CLUSTER: maintenance"),
            ("reindex table t", "REINDEX: maintenance"),
            ("refresh materialized view m", "REFRESH: maintenance"),
            ("listen x", "LISTEN: notifications"),
            ("notify x", "NOTIFY: notifications"),
            ("call p()", "CALL: calling a procedure"),
            (
                "create temp table x (a int)",
                "CREATE TEMPORARY: temporary objects",
            ),
        ] {
            let got = rejected(sql);
            assert!(
                got.starts_with(&format!("d.sql:7:3: {want}")),
                "{sql}: {got}"
            );
            assert!(!got.contains('\n'), "one line: {got}");
        }
    }

    #[test]
    fn user_mapping_is_not_a_role() {
        assert!(classify("create user mapping for current_user server s", &loc()).is_ok());
    }
}
