//! Session settings written in desired files: a hand-written `SET search_path = app, public;`
//! and the block pg_dump writes at the top of every dump. A setting holds for the rest of its
//! file (and, as in psql, for the files it includes and after them). Statements are reordered
//! by reference afterwards, so a setting cannot simply be run where it stands: every
//! statement carries the [`Session`] of its place in the file, unqualified names are resolved
//! with that statement's `search_path`, and `load` switches the shadow session to it before
//! running the statement.

use super::error::{Location, SourceError};
use super::lex::{Token, tokens};
use crate::model::quote_ident;
use std::collections::BTreeMap;

/// The settings in effect at one statement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    /// `search_path` exactly as set (`$user` included); `None` for the server default.
    pub search_path: Option<Vec<String>>,
    /// What `load` sets in the shadow: lower-case name → value text (as `set_config` takes
    /// it; `search_path` included). Settings not listed are at their defaults.
    pub settings: BTreeMap<String, Setting>,
}

/// One setting's value and the `SET` it comes from (to locate an error in applying it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    pub value: String,
    pub location: Location,
}

impl Session {
    /// Where unqualified names are looked up, in order: the explicit path without `$user`
    /// and temporary schemas (built-ins in `pg_catalog` need no ordering); by default `public`.
    pub fn lookup_path(&self) -> Vec<String> {
        match &self.search_path {
            None => vec!["public".to_string()],
            Some(path) => path
                .iter()
                .filter(|s| *s != "$user" && !s.starts_with("pg_temp"))
                .cloned()
                .collect(),
        }
    }

    /// The schema an unqualified CREATE creates in: the first of the lookup path (PostgreSQL
    /// takes the first that exists; a desired state normally creates what its path names).
    /// `None` after `search_path = ''`, where PostgreSQL refuses unqualified creations.
    pub fn creation_schema(&self) -> Option<String> {
        self.lookup_path().into_iter().next()
    }

    pub(crate) fn apply(&mut self, change: Change, location: &Location) {
        let setting = |value: String| Setting {
            value,
            location: location.clone(),
        };
        match change {
            Change::ResetAll => *self = Session::default(),
            Change::Nothing => {}
            Change::Set(name, value) => {
                if name == "search_path" {
                    self.search_path = match &value {
                        Some(Value::Path(p)) => Some(p.clone()),
                        _ => None,
                    };
                }
                match value {
                    Some(Value::Path(p)) => {
                        let text = p.iter().map(|s| quote_ident(s)).collect::<Vec<_>>();
                        self.settings.insert(name, setting(text.join(", ")));
                    }
                    Some(Value::Text(t)) => {
                        self.settings.insert(name, setting(t));
                    }
                    None => {
                        self.settings.remove(&name);
                    }
                }
            }
        }
    }
}

/// What one session statement does to the settings of the statements after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// Set a setting, or with `None` put it back to its default.
    Set(String, Option<Value>),
    ResetAll,
    /// An accepted setting that does not change what a desired state declares.
    Nothing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Text(String),
    /// A `search_path`: exact schema names.
    Path(Vec<String>),
}

/// How each known setting is treated. Anything not listed is refused: applying an unknown
/// setting could change the shadow in ways nobody reviewed, ignoring it could hide intent.
enum Rule {
    /// Changes how the statements after it create objects: applied in the shadow.
    Apply,
    /// Only affects the session running the file (timeouts, messages): accepted, no effect.
    Ignore,
    /// Accepted only with one of these values (lower-case); otherwise refused with the advice.
    Require(&'static [&'static str], &'static str),
    Refuse(&'static str),
}

const ROLES: &str = "roles and ownership are not managed by schemadiff, objects are created by the user it connects as; remove it";

fn rule(name: &str) -> Option<Rule> {
    Some(match name {
        "search_path"
        | "default_tablespace"
        | "default_table_access_method"
        | "default_toast_compression"
        | "xmloption"
        | "timezone"
        | "datestyle"
        | "intervalstyle" => Rule::Apply,
        "statement_timeout"
        | "lock_timeout"
        | "idle_in_transaction_session_timeout"
        | "idle_session_timeout"
        | "transaction_timeout"
        | "client_min_messages"
        | "row_security"
        | "check_function_bodies"
        | "synchronous_commit"
        | "application_name"
        | "work_mem"
        | "maintenance_work_mem"
        | "escape_string_warning"
        | "extra_float_digits"
        | "jit" => Rule::Ignore,
        "standard_conforming_strings" => Rule::Require(
            &["on", "true", "yes", "1"],
            "desired files are read with standard_conforming_strings on; write backslash escapes as E'...' strings and remove this SET",
        ),
        "client_encoding" => Rule::Require(
            &["utf8", "utf-8", "unicode"],
            "desired files are read as UTF-8; convert the file (iconv -t UTF-8) and remove this SET",
        ),
        "default_with_oids" => Rule::Require(
            &["off", "false", "no", "0"],
            "tables WITH OIDS no longer exist in PostgreSQL; remove it",
        ),
        "role" | "session_authorization" => Rule::Refuse(ROLES),
        _ => return None,
    })
}

/// `Some` when `sql` is a session statement (`SET`, `RESET`, `SELECT set_config(...)`): what it
/// changes, or why it is refused. `None` for every other statement.
pub(crate) fn parse(sql: &str, location: &Location) -> Option<Result<Change, SourceError>> {
    let t = tokens(sql);
    let refuse = |message: String| SourceError::Rejected {
        location: location.clone(),
        message,
    };
    let first = t.first()?;
    let result = if first.is_word("set") {
        parse_set(&t[1..])
    } else if first.is_word("reset") {
        parse_reset(&t[1..])
    } else if first.is_word("select") {
        parse_set_config(&t[1..])?
    } else {
        return None;
    };
    Some(result.map_err(refuse))
}

fn parse_set(t: &[Token]) -> Result<Change, String> {
    let mut i = 0;
    if t.first().is_some_and(|w| w.is_word("local")) {
        return Err("SET LOCAL: it only lasts until the end of a transaction, and desired statements run one by one; use SET".into());
    }
    if t.first().is_some_and(|w| w.is_word("session")) {
        i += 1;
        if t.get(i).is_some_and(|w| w.is_word("authorization")) {
            return Err(format!("SET SESSION AUTHORIZATION: {ROLES}"));
        }
        if t.get(i).is_some_and(|w| w.is_word("characteristics")) {
            return Err(TRANSACTION.into());
        }
    }
    let word = |k: usize, w: &str| t.get(k).is_some_and(|x| x.is_word(w));
    if word(i, "transaction") || word(i, "constraints") {
        return Err(TRANSACTION.into());
    }
    // Special syntaxes: SET TIME ZONE x, SET SCHEMA 'x', SET NAMES 'x'.
    let (name, values) = if word(i, "time") && word(i + 1, "zone") {
        ("timezone".to_string(), &t[i + 2..])
    } else if word(i, "schema") {
        ("search_path".to_string(), &t[i + 1..])
    } else if word(i, "names") {
        ("client_encoding".to_string(), &t[i + 1..])
    } else {
        let (name, after) = setting_name(t, i).ok_or("SET: expected a setting name")?;
        // `SET ROLE x` has no TO.
        if let Some(Rule::Refuse(why)) = rule(&name) {
            return Err(format!("SET {name}: {why}"));
        }
        let values = match t.get(after) {
            Some(x) if x.is_word("to") || *x == Token::Punct('=') => &t[after + 1..],
            _ => {
                return Err(format!(
                    "SET {name}: expected TO or = after the setting name"
                ));
            }
        };
        (name, values)
    };
    let to_default = matches!(values, [v] if v.is_word("default"))
        || (name == "timezone" && matches!(values, [v] if v.is_word("local")));
    if to_default {
        return change(&name, None);
    }
    let elements = list_elements(values).ok_or_else(|| {
        format!(
            "SET {name}: cannot read the value; write a plain value, a 'string' or a list of them"
        )
    })?;
    if name == "search_path" {
        let path = elements
            .into_iter()
            .map(|e| match e {
                // A string in a list setting names the schema exactly, like a quoted identifier.
                Element::Str(s) | Element::Quoted(s) => s,
                Element::Word(w) => w.to_lowercase(),
            })
            .collect();
        return change(&name, Some(Value::Path(path)));
    }
    let text = elements
        .into_iter()
        .map(|e| match e {
            Element::Str(s) | Element::Quoted(s) | Element::Word(s) => s,
        })
        .collect::<Vec<_>>()
        .join(", ");
    change(&name, Some(Value::Text(text)))
}

const TRANSACTION: &str = "transaction settings do not belong in a desired state; schemadiff chooses transactions itself, remove it";

fn parse_reset(t: &[Token]) -> Result<Change, String> {
    if t.len() == 1 && t[0].is_word("all") {
        return Ok(Change::ResetAll);
    }
    match t {
        [a, b] if a.is_word("session") && b.is_word("authorization") => return Ok(Change::Nothing),
        [a] if a.is_word("role") => return Ok(Change::Nothing),
        [a, b] if a.is_word("time") && b.is_word("zone") => return change("timezone", None),
        _ => {}
    }
    match setting_name(t, 0) {
        Some((name, end)) if end == t.len() => change(&name, None),
        _ => Err("RESET: expected a setting name or ALL".into()),
    }
}

/// `SELECT [pg_catalog.]set_config('name', 'value', false)`, as pg_dump writes for the
/// search_path. `None` for any other query (left to the classifier, which refuses queries).
fn parse_set_config(t: &[Token]) -> Option<Result<Change, String>> {
    let start = if t.first().is_some_and(|w| w.is_word("pg_catalog"))
        && t.get(1) == Some(&Token::Punct('.'))
    {
        2
    } else {
        0
    };
    if !t.get(start).is_some_and(|w| w.is_word("set_config")) {
        return None;
    }
    let args = &t[start + 1..];
    let shape = match args {
        [
            Token::Punct('('),
            Token::Str(name),
            Token::Punct(','),
            Token::Str(value),
            Token::Punct(','),
            local,
            Token::Punct(')'),
        ] => Some((name.to_lowercase(), value.clone(), local)),
        _ => None,
    };
    let Some((name, value, local)) = shape else {
        return Some(Err("set_config: only set_config('name', 'value', false) with literal arguments is read; write SET name = value instead".into()));
    };
    if !local.is_word("false") {
        return Some(Err(format!(
            "set_config('{name}', ..., {}): a transaction-local setting ends with its statement; use false",
            token_text(local)
        )));
    }
    if name == "search_path" {
        return Some(match identifier_list(&value) {
            Some(path) => change(&name, Some(Value::Path(path))),
            None => Err(format!(
                "set_config('search_path', ...): cannot read the schema list {value:?}"
            )),
        });
    }
    Some(change(&name, Some(Value::Text(value))))
}

fn token_text(t: &Token) -> String {
    match t {
        Token::Word(s) | Token::Number(s) => s.clone(),
        Token::Quoted(s) => format!("\"{s}\""),
        Token::Str(s) => format!("'{s}'"),
        Token::Dollar(_) => "$...$".into(),
        Token::Punct(c) => c.to_string(),
    }
}

/// The change for a setting after checking its rule; `value` `None` means its default.
fn change(name: &str, value: Option<Value>) -> Result<Change, String> {
    match rule(name) {
        Some(Rule::Apply) => Ok(Change::Set(name.to_string(), value)),
        Some(Rule::Ignore) => Ok(Change::Nothing),
        Some(Rule::Require(allowed, advice)) => match &value {
            None => Ok(Change::Nothing),
            Some(Value::Text(v)) if allowed.contains(&v.to_lowercase().as_str()) => {
                Ok(Change::Nothing)
            }
            Some(_) => Err(format!("SET {name}: {advice}")),
        },
        Some(Rule::Refuse(why)) => Err(format!("SET {name}: {why}")),
        None => Err(format!(
            "SET {name}: not a setting schemadiff knows to matter for a desired state; remove it (search_path, default_tablespace, default_table_access_method, timezone, datestyle and the settings pg_dump writes are read)"
        )),
    }
}

/// `name` or `ext.name`, lower-cased as PostgreSQL folds setting names.
fn setting_name(t: &[Token], i: usize) -> Option<(String, usize)> {
    let (parts, end) = super::lex::dotted_name(t, i)?;
    Some((parts.join(".").to_lowercase(), end))
}

enum Element {
    Word(String),
    Quoted(String),
    Str(String),
}

/// `a, 'b', "C", -1` as elements; `None` when anything else appears.
fn list_elements(values: &[Token]) -> Option<Vec<Element>> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let negative = values.get(i) == Some(&Token::Punct('-'));
        if negative {
            i += 1;
        }
        let element = match values.get(i)? {
            Token::Word(w) if !negative => Element::Word(w.clone()),
            Token::Quoted(q) if !negative => Element::Quoted(q.clone()),
            Token::Str(s) if !negative => Element::Str(s.clone()),
            Token::Number(n) => Element::Word(if negative { format!("-{n}") } else { n.clone() }),
            _ => return None,
        };
        out.push(element);
        i += 1;
        match values.get(i) {
            None => return Some(out),
            Some(Token::Punct(',')) => i += 1,
            Some(_) => return None,
        }
    }
}

/// A comma-separated identifier list as PostgreSQL splits a `search_path` string: bare names
/// lower-cased, `"quoted"` kept exactly; `None` if a quote is unbalanced or a name is empty.
fn identifier_list(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            // '' is the empty path; a trailing comma is an error, as in PostgreSQL.
            return out.is_empty().then_some(out);
        }
        let mut name = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        name.push('"');
                    }
                    '"' => break,
                    c => name.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c.is_whitespace() {
                    break;
                }
                name.extend(c.to_lowercase());
                chars.next();
            }
        }
        if name.is_empty() {
            return None;
        }
        out.push(name);
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            None => return Some(out),
            Some(',') => {}
            Some(_) => return None,
        }
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
