//! `-- schemadiff:<key> k=v k2="v 2"` annotations: hints that the SQL itself cannot carry
//! (a rename's old name, a backfill expression), written as comments so the files stay
//! plain SQL that psql can run.

use super::error::{Location, SourceError};
use std::collections::BTreeMap;

/// One parsed annotation, attached to the statement it precedes (or is inside of).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub key: String,
    pub args: BTreeMap<String, String>,
    pub location: Location,
}

const PREFIX: &str = "schemadiff:";

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
    let args = parse_args(&rest[key_len..]).map_err(err)?;
    Ok(Some(Annotation {
        key: key.to_string(),
        args,
        location: location.clone(),
    }))
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// `name=value` pairs separated by spaces; a value is bare (no spaces or quotes) or
/// double-quoted with `\"` and `\\` escapes.
fn parse_args(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut args = BTreeMap::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(args);
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if !is_name_char(c) {
                break;
            }
            name.push(c);
            chars.next();
        }
        if name.is_empty() {
            let found: String = chars.collect();
            return Err(format!("expected an argument name, found {found:?}"));
        }
        if chars.next() != Some('=') {
            return Err(format!("argument `{name}` needs a value: `{name}=value`"));
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err(format!("unterminated quoted value of `{name}`")),
                    Some('"') => break,
                    Some('\\') => match chars.next() {
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
            if chars.peek().is_some_and(|c| !c.is_whitespace()) {
                return Err(format!("put a space after the quoted value of `{name}`"));
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                if c == '"' {
                    return Err(format!("quote the whole value of `{name}`: {name}=\"...\""));
                }
                value.push(c);
                chars.next();
            }
            if value.is_empty() {
                return Err(format!(
                    "argument `{name}` has an empty value; use {name}=\"\""
                ));
            }
        }
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
        ] {
            let err = parse_comment(bad, &loc()).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("a.sql:3:1: malformed schemadiff annotation"),
                "{bad}: {err}"
            );
        }
    }
}
