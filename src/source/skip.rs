//! Statements that are read but not loaded: ownership changes (owners are not managed
//! without `--owners`, and pg_dump writes one after every object) and `DO` blocks that only create roles if they are
//! missing (roles are cluster-wide; such a block is skipped with a warning).

use super::lex::{Token, tokens};

/// `ALTER <object> <name> OWNER TO <role>` and nothing else (a multi-action `ALTER TABLE`
/// that also changes the owner is left to PostgreSQL, which then needs the role).
pub(crate) fn is_owner_change(sql: &str) -> bool {
    let t = tokens(sql);
    let [first, second, .., owner, to, role] = t.as_slice() else {
        return false;
    };
    // Databases and tablespaces are refused as cluster-wide by the classifier.
    if !first.is_word("alter") || second.is_word("database") || second.is_word("tablespace") {
        return false;
    }
    if !(owner.is_word("owner") && to.is_word("to") && role.ident().is_some()) {
        return false;
    }
    // A comma outside parentheses means several actions; inside, a function signature.
    let mut depth = 0i32;
    for token in &t {
        match token {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') => depth -= 1,
            Token::Punct(',') if depth == 0 => return false,
            _ => {}
        }
    }
    true
}

/// An ownership change ([`is_owner_change`]) of an object kind whose owner `--owners`
/// manages (`Catalog::has_own_owner`): loaded with the option, dropped without it. The owner
/// of any other kind (operators, text search configurations, ...) is never managed, so its
/// `OWNER TO` is dropped either way.
pub(crate) fn is_managed_owner_change(sql: &str) -> bool {
    let t = tokens(sql);
    let word = |i: usize| t.get(i).is_some_and(|w| w.ident().is_some());
    let is = |i: usize, w: &str| t.get(i).is_some_and(|x| x.is_word(w));
    word(1)
        && ([
            "schema",
            "type",
            "domain",
            "collation",
            "sequence",
            "table",
            "view",
        ]
        .iter()
        .chain(&[
            "function",
            "procedure",
            "aggregate",
            "statistics",
            "publication",
        ])
        .any(|k| is(1, k))
            || (is(1, "materialized") && is(2, "view"))
            || (is(1, "event") && is(2, "trigger")))
}

/// A `DO` block in PL/pgSQL whose only effect is creating or altering roles (typically
/// `IF NOT EXISTS (SELECT FROM pg_roles ...) THEN CREATE ROLE ...`).
pub(crate) fn is_role_block(sql: &str) -> bool {
    let t = tokens(sql);
    if !t.first().is_some_and(|w| w.is_word("do")) {
        return false;
    }
    let mut body = None;
    let mut i = 1;
    while i < t.len() {
        match &t[i] {
            Token::Str(s) | Token::Dollar(s) if body.is_none() => body = Some(s.as_str()),
            w if w.is_word("language") => {
                if t.get(i + 1).and_then(Token::ident).as_deref() != Some("plpgsql") {
                    return false;
                }
                i += 1;
            }
            _ => return false,
        }
        i += 1;
    }
    body.is_some_and(|b| roles_only(&tokens(b), 0) == Some(true))
}

/// `None` when the code does anything but manage roles; otherwise whether it creates one.
/// `depth` bounds the recursion into `EXECUTE '...'` strings.
fn roles_only(t: &[Token], depth: usize) -> Option<bool> {
    let role_word = |k: usize| {
        t.get(k)
            .is_some_and(|w| w.is_word("role") || w.is_word("group") || w.is_word("user"))
            && !t.get(k + 1).is_some_and(|w| w.is_word("mapping"))
    };
    let mut creates = false;
    for (i, token) in t.iter().enumerate() {
        let Token::Word(w) = token else { continue };
        match w.to_ascii_lowercase().as_str() {
            "create" | "alter" | "drop" => {
                if !role_word(i + 1) {
                    return None;
                }
                creates |= token.is_word("create");
            }
            // Role membership is fine; privileges on objects are not.
            "grant" | "revoke" => {
                let statement = t[i..].split(|x| *x == Token::Punct(';')).next()?;
                if statement.iter().any(|x| x.is_word("on")) {
                    return None;
                }
            }
            "execute" => {
                // EXECUTE 'CREATE ROLE ...' or EXECUTE format('CREATE ROLE %I', name).
                let mut k = i + 1;
                if t.get(k).is_some_and(|x| x.is_word("format"))
                    && t.get(k + 1) == Some(&Token::Punct('('))
                {
                    k += 2;
                }
                let Some(Token::Str(s) | Token::Dollar(s)) = t.get(k) else {
                    return None;
                };
                if depth > 2 {
                    return None;
                }
                creates |= roles_only(&tokens(s), depth + 1)?;
            }
            "insert" | "update" | "delete" | "truncate" | "copy" | "comment" | "security"
            | "call" | "import" | "refresh" | "reindex" | "cluster" | "vacuum" | "lock"
            | "prepare" | "set" | "reset" => return None,
            _ => {}
        }
    }
    Some(creates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ownership_changes_that_owners_manages() {
        for sql in [
            "ALTER TABLE app.orders OWNER TO postgres",
            "alter materialized view m owner to current_user",
            "ALTER EVENT TRIGGER e OWNER TO x",
            "ALTER FUNCTION app.f(a integer) OWNER TO x",
            "ALTER DOMAIN d OWNER TO x",
        ] {
            assert!(is_managed_owner_change(sql), "{sql}");
        }
        for sql in [
            "ALTER OPERATOR public.=(integer, integer) OWNER TO x",
            "ALTER TEXT SEARCH CONFIGURATION app.cfg OWNER TO x",
            "ALTER MATERIALIZED x OWNER TO y",
        ] {
            assert!(!is_managed_owner_change(sql), "{sql}");
        }
    }

    #[test]
    fn ownership_changes_of_every_object_kind() {
        for sql in [
            "ALTER TABLE app.orders OWNER TO postgres",
            "ALTER SCHEMA \"My Schema\" OWNER TO \"Some Role\"",
            "ALTER FUNCTION app.f(a integer, b text) OWNER TO app_owner",
            "ALTER PROCEDURE app.archive(IN before date, INOUT moved integer) OWNER TO postgres",
            "alter materialized view m owner to current_user",
            "ALTER OPERATOR public.=(integer, integer) OWNER TO x",
            "ALTER TEXT SEARCH CONFIGURATION app.cfg OWNER TO x",
        ] {
            assert!(is_owner_change(sql), "{sql}");
        }
        for sql in [
            "ALTER TABLE t ADD COLUMN c int, OWNER TO bob",
            "ALTER TABLE t OWNER TO",
            "ALTER DATABASE d OWNER TO bob",
            "ALTER TABLE t RENAME TO owner",
            "COMMENT ON TABLE t IS 'OWNER TO bob'",
            "ALTER TABLE t OWNER TO 'bob'",
        ] {
            assert!(!is_owner_change(sql), "{sql}");
        }
    }

    #[test]
    fn role_blocks_are_recognised() {
        for sql in [
            "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'app') THEN\n    CREATE ROLE app LOGIN;\n  END IF;\nEND\n$$",
            "DO LANGUAGE plpgsql $do$ BEGIN CREATE USER reader; EXCEPTION WHEN duplicate_object THEN RAISE NOTICE 'create role skipped: %', SQLERRM; END $do$",
            "do 'begin create role a; grant a to b; end' language plpgsql",
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'w') THEN EXECUTE format('CREATE ROLE %I', 'w'); END IF; END $$",
        ] {
            assert!(is_role_block(sql), "{sql}");
        }
        for sql in [
            "DO $$ BEGIN CREATE TABLE t (a int); END $$",
            "DO $$ BEGIN CREATE ROLE a; CREATE TABLE t (a int); END $$",
            "DO $$ BEGIN CREATE ROLE a; GRANT SELECT ON t TO a; END $$",
            "DO $$ BEGIN CREATE USER MAPPING FOR a SERVER s; END $$",
            "DO $$ BEGIN RAISE NOTICE 'nothing'; END $$",
            "DO $$ BEGIN EXECUTE 'CREATE TABLE t ()'; END $$",
            "DO $$ BEGIN EXECUTE q; END $$",
            "DO LANGUAGE plperl $$ CREATE ROLE a $$",
            "DO $$ BEGIN CREATE ROLE a; END $$ $$ x $$",
        ] {
            assert!(!is_role_block(sql), "{sql}");
        }
    }
}
