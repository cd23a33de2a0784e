//! `-- schemadiff:<key> k=v k2="v 2"` annotations: hints that the SQL itself cannot carry
//! (a rename's old name, a backfill expression), written as comments so the files stay
//! plain SQL that psql can run.

use super::error::{Location, SourceError};
use std::collections::BTreeMap;

/// One parsed annotation, attached to the statement it precedes (or is inside of).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub key: String,
    /// Each argument's value, unquoted and unescaped.
    pub args: BTreeMap<String, String>,
    /// Each argument's value exactly as written (quotes and escapes included), for values
    /// that are names: `from="Old Name"` keeps its case, `from=Old` folds.
    pub raw: BTreeMap<String, String>,
    pub location: Location,
    /// For an annotation inside a statement (after its first token): the identifier that
    /// follows it, as PostgreSQL reads it (bare folded to lower case, quoted kept); in a
    /// `CREATE TABLE` that is the column the annotation is about. `None` above a statement.
    pub subject: Option<String>,
}

const PREFIX: &str = "schemadiff:";

/// `-- schemadiff:external` above a statement: what it creates exists outside the managed
/// state (a shared schema, an extension a DBA installs, an unmanaged kind). It is loaded
/// into the shadow database so the statements after it can use it, and left out of both
/// catalogs, so it is never created, changed or dropped.
pub(crate) const EXTERNAL: &str = "external";

/// Parse a `--` line comment (its full text, starting with `--`). `Ok(None)` when it is an
/// ordinary comment; an error when it starts like an annotation but is malformed.
pub(crate) fn parse_comment(
    comment: &str,
    location: &Location,
) -> Result<Option<Annotation>, SourceError> {
    let body = comment.trim_start_matches('-').trim_start();
    let Some(rest) = body.strip_prefix(PREFIX) else {
        return Ok(None);
    };
    let err = |message: String| SourceError::Annotation {
        location: location.clone(),
        message,
    };
    let rest = rest.trim_end();
    let key_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let key = &rest[..key_len];
    if key.is_empty() || !key.chars().all(is_name_char) {
        return Err(err(format!(
            "expected `-- schemadiff:<key> name=value ...` with a key of letters, digits, `_` or `-`, found {:?}",
            key
        )));
    }
    let (args, raw) = parse_args(&rest[key_len..]).map_err(err)?;
    Ok(Some(Annotation {
        key: key.to_string(),
        args,
        raw,
        location: location.clone(),
        subject: None,
    }))
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

type Args = BTreeMap<String, String>;

/// `name=value` pairs separated by spaces. A value is bare (no spaces or quotes) or
/// double-quoted with `\"` and `\\` escapes; for names, quoted and bare parts may be joined
/// by dots (`from="Old App".users`, `from=app."Old Name"`). Returns the values unquoted and
/// as written.
fn parse_args(text: &str) -> Result<(Args, Args), String> {
    let mut args = BTreeMap::new();
    let mut raw = BTreeMap::new();
    let mut chars = text.char_indices().peekable();
    loop {
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok((args, raw));
        }
        let mut name = String::new();
        while let Some(&(_, c)) = chars.peek() {
            if !is_name_char(c) {
                break;
            }
            name.push(c);
            chars.next();
        }
        if name.is_empty() {
            let found: String = chars.map(|(_, c)| c).collect();
            return Err(format!("expected an argument name, found {found:?}"));
        }
        if chars.next().map(|(_, c)| c) != Some('=') {
            return Err(format!("argument `{name}` needs a value: `{name}=value`"));
        }
        let value_start = chars.peek().map_or(text.len(), |&(i, _)| i);
        let mut value = String::new();
        // One part per iteration: quoted, or bare up to a space (or a quote after a dot).
        loop {
            if chars.peek().map(|&(_, c)| c) == Some('"') {
                chars.next();
                loop {
                    match chars.next().map(|(_, c)| c) {
                        None => return Err(format!("unterminated quoted value of `{name}`")),
                        Some('"') => break,
                        Some('\\') => match chars.next().map(|(_, c)| c) {
                            Some(c @ ('"' | '\\')) => value.push(c),
                            _ => {
                                return Err(format!(
                                    "in the value of `{name}` only \\\" and \\\\ are escapes"
                                ));
                            }
                        },
                        Some(c) => value.push(c),
                    }
                }
                match chars.peek().map(|&(_, c)| c) {
                    Some('.') => {
                        chars.next();
                        value.push('.');
                    }
                    Some(c) if !c.is_whitespace() => {
                        return Err(format!("put a space after the quoted value of `{name}`"));
                    }
                    _ => break,
                }
            } else {
                let before = value.len();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_whitespace() || c == '"' {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
                if chars.peek().map(|&(_, c)| c) != Some('"') {
                    if value.is_empty() {
                        return Err(format!(
                            "argument `{name}` has an empty value; use {name}=\"\""
                        ));
                    }
                    break;
                }
                if value.len() == before || !value.ends_with('.') {
                    return Err(format!("quote the whole value of `{name}`: {name}=\"...\""));
                }
            }
        }
        let value_end = chars.peek().map_or(text.len(), |&(i, _)| i);
        raw.insert(name.clone(), text[value_start..value_end].to_string());
        if args.insert(name.clone(), value).is_some() {
            return Err(format!("argument `{name}` is given twice"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Location {
        Location {
            file: "a.sql".into(),
            line: 3,
            column: 1,
        }
    }

    #[test]
    fn plain_comments_are_not_annotations() {
        assert_eq!(parse_comment("-- just a note", &loc()).unwrap(), None);
        assert_eq!(
            parse_comment("-- schemadiff is great", &loc()).unwrap(),
            None
        );
    }

    #[test]
    fn parses_key_and_args() {
        let a = parse_comment(
            r#"-- schemadiff:backfill using="coalesce(a, 'x y')" batch=500"#,
            &loc(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(a.key, "backfill");
        assert_eq!(a.args["using"], "coalesce(a, 'x y')");
        assert_eq!(a.args["batch"], "500");
        assert_eq!(a.location, loc());
    }

    #[test]
    fn quoted_values_take_escapes() {
        let a = parse_comment(r#"--schemadiff:rename from="Old \"Name\"""#, &loc())
            .unwrap()
            .unwrap();
        assert_eq!(a.key, "rename");
        assert_eq!(a.args["from"], "Old \"Name\"");
    }

    #[test]
    fn dotted_names_mix_quoted_and_bare_parts() {
        for (text, value, raw) in [
            (
                r#"from="Old App".Users"#,
                "Old App.Users",
                r#""Old App".Users"#,
            ),
            (
                r#"from=app."Old \"Name\"""#,
                r#"app.Old "Name""#,
                r#"app."Old \"Name\"""#,
            ),
            (r#"from="A"."B""#, "A.B", r#""A"."B""#),
            ("from=s.old", "s.old", "s.old"),
        ] {
            let a = parse_comment(
                &format!("-- schemadiff:renamed {text} mode=instant"),
                &loc(),
            )
            .unwrap()
            .unwrap();
            assert_eq!(a.args["from"], value, "{text}");
            assert_eq!(a.raw["from"], raw, "{text}");
            assert_eq!(a.args["mode"], "instant");
            assert_eq!(a.subject, None);
        }
    }

    #[test]
    fn key_without_args() {
        let a = parse_comment("-- schemadiff:skip", &loc())
            .unwrap()
            .unwrap();
        assert_eq!(a.key, "skip");
        assert!(a.args.is_empty());
    }

    #[test]
    fn malformed_annotations_are_located_errors() {
        for bad in [
            "-- schemadiff: rename from=x",
            "-- schemadiff:rename from",
            "-- schemadiff:rename from=",
            "-- schemadiff:rename from=\"x",
            "-- schemadiff:rename from=x from=y",
            "-- schemadiff:rename =x",
            "-- schemadiff:rename from=\"x\"y",
            "-- schemadiff:re/name",
            "-- schemadiff:renamed from=a\"b\"",
            "-- schemadiff:renamed from=\"a\".b\"c\"",
            "-- schemadiff:renamed from=\"a\"b",
        ] {
            let err = parse_comment(bad, &loc()).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("a.sql:3:1: schemadiff annotation: "),
                "{bad}: {err}"
            );
        }
    }
}
