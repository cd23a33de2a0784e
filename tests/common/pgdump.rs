//! The second oracle of the convergence loop: `pg_dump --schema-only`, normalized.
//!
//! Our own comparison reads the database through our own introspection, so it cannot see what
//! the model does not hold. pg_dump can. [`schema`] dumps a test database with the pg_dump of
//! the server's own installation; [`normalize`] removes only what does not describe the schema;
//! [`same`] compares two dumps and shows a unified diff.
//!
//! The bookkeeping schemas (`schemadiff`, `schemadiff_backup`: `bookkeeping::UNMANAGED_SCHEMAS`)
//! are not dumped at all: they are the tool's own state, never managed, as introspection
//! never reads them.
//!
//! What normalization removes, and why it is irrelevant:
//! - the comments pg_dump writes (the dump header, server and pg_dump versions, "dump
//!   complete"); each object's `-- Name: ...; Type: ...` header is kept as the entry's title;
//! - `\restrict` / `\unrestrict` and their random key (pg_dump 15.14 and later);
//! - `SET default_tablespace = ''` and `SET default_table_access_method = heap`: pg_dump
//!   switches these back to the defaults before the first object that needs them, so where
//!   they appear depends on dump order (other values are kept, with the next entry);
//! - column order within `CREATE TABLE` (the model's decision: column order is not a change),
//!   and so also the order of the per-column statements pg_dump puts after it in the same entry;
//! - the order of storage parameters in `WITH (key='value', ...)` (tables, indexes, views):
//!   `reloptions` keep the order they were given in, and they are a set (the model sorts them);
//! - the order of the GRANT/REVOKE statements within one ACL entry: they follow the order of
//!   the aclitem array, i.e. the order grants were made in, and an ACL is a set;
//! - the order of entries: pg_dump sorts by type and name and, for ties and dependency order,
//!   by OID, i.e. creation order;
//! - blank lines around an entry, and the database's own name.
//!
//! Everything else — every statement, clause, body and blank line inside a body — compares
//! byte for byte.

use super::{TestDb, run, server};

/// A normalized schema-only dump: its entries, sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dump {
    entries: Vec<String>,
}

impl Dump {
    /// The dump as text: entries separated by blank lines.
    pub fn text(&self) -> String {
        self.entries.join("\n\n")
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }
}

/// `pg_dump --schema-only` of `db`, normalized.
pub fn schema(db: &TestDb) -> Result<Dump, String> {
    let _t = super::timing::span("pg_dump");
    let mut cmd = std::process::Command::new(&server().pg_dump);
    cmd.args(["--schema-only", "--no-password"]);
    // schemadiff's bookkeeping (backup registry, backups of dropped data, backfill progress)
    // is the tool's own state, not the schema, like a migration runner's history table: a
    // migrated database has it and the database loaded from `to.sql` does not.
    for schema in schemadiff::bookkeeping::never_introspected_schemas() {
        cmd.arg(format!("--exclude-schema={schema}"));
    }
    // The runners' history tables (and the sequences they own), in any schema.
    for table in schemadiff::bookkeeping::RUNNER_TABLES {
        cmd.arg(format!("--exclude-table=*.{table}"));
        cmd.arg(format!("--exclude-table=*.{table}_*_seq"));
    }
    cmd.arg("-d")
        .arg(db.conn_string())
        .env("PGCONNECT_TIMEOUT", "10");
    let text = run(cmd, None).map_err(|e| format!("pg_dump of {}: {e}", db.name()))?;
    Ok(normalize(&text, db.name()))
}

/// Ok when the two dumps are the same; otherwise `what`, then a unified diff from `expected`
/// to `actual` (at most `MAX_DIFF_LINES` lines).
pub fn same(actual: &Dump, expected: &Dump, what: &str) -> Result<(), String> {
    if actual == expected {
        return Ok(());
    }
    Err(format!("{what}:\n{}", diff(expected, actual)))
}

const MAX_DIFF_LINES: usize = 80;

/// A unified diff of the normalized dumps, `-` for `expected`, `+` for `actual`.
pub fn diff(expected: &Dump, actual: &Dump) -> String {
    let (a, b) = (expected.text(), actual.text());
    let d = similar::TextDiff::from_lines(&a, &b);
    let text = d
        .unified_diff()
        .context_radius(3)
        .header("pg_dump expected", "pg_dump actual")
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = lines[..lines.len().min(MAX_DIFF_LINES)].join("\n");
    if lines.len() > MAX_DIFF_LINES {
        out.push_str(&format!(
            "\n... ({} more diff lines)",
            lines.len() - MAX_DIFF_LINES
        ));
    }
    out
}

/// One dump entry while it is being read.
struct Entry {
    /// `Name: ...; Type: ...; Schema: ...; Owner: ...`, or empty for the dump's preamble.
    title: String,
    lines: Vec<String>,
}

impl Entry {
    fn kind(&self) -> &str {
        self.title
            .split("; ")
            .find_map(|part| part.strip_prefix("Type: "))
            .unwrap_or("")
    }
}

/// Normalize the text of a `pg_dump --schema-only` of the database `dbname` (see the module
/// documentation for what is removed).
pub fn normalize(text: &str, dbname: &str) -> Dump {
    let text = if dbname.is_empty() {
        text.to_owned()
    } else {
        text.replace(dbname, "<database>")
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut entries = vec![Entry {
        title: String::new(),
        lines: Vec::new(),
    }];
    // Non-default SET lines between entries belong to the entry that follows.
    let mut pending: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        // A comment block: "--", "-- <text>", "--".
        if line == "--"
            && i + 2 < lines.len()
            && lines[i + 1].starts_with("-- ")
            && lines[i + 2] == "--"
        {
            let text = &lines[i + 1][3..];
            if text.starts_with("Name: ") {
                entries.push(Entry {
                    title: text.to_owned(),
                    lines: std::mem::take(&mut pending),
                });
            } else {
                // The dump's own header or trailer: what follows is preamble.
                entries.push(Entry {
                    title: String::new(),
                    lines: Vec::new(),
                });
            }
            i += 3;
            continue;
        }
        i += 1;
        if line.starts_with("\\restrict ") || line.starts_with("\\unrestrict ") {
            continue;
        }
        if line == "SET default_tablespace = '';"
            || line == "SET default_table_access_method = heap;"
        {
            continue;
        }
        if line.starts_with("SET default_tablespace = ")
            || line.starts_with("SET default_table_access_method = ")
        {
            pending.push(line.to_owned());
            continue;
        }
        let entry = entries.last_mut().expect("never empty");
        if entry.title.is_empty() && line.starts_with("--") {
            continue; // "-- Dumped from database version ..."
        }
        entry.lines.push(line.to_owned());
    }
    if let Some(last) = entries.last_mut() {
        last.lines.append(&mut pending);
    }
    let mut out: Vec<String> = entries
        .into_iter()
        .filter_map(|e| {
            let body = normalize_body(&e);
            if e.title.is_empty() && body.is_empty() {
                return None;
            }
            let title = if e.title.is_empty() {
                "(preamble)".to_owned()
            } else {
                e.title.clone()
            };
            Some(format!("-- {title}\n{}", body.join("\n")))
        })
        .collect();
    out.sort();
    Dump { entries: out }
}

/// The entry's lines without surrounding blank lines, with column order (tables) and grant
/// order (ACLs) normalized.
fn normalize_body(e: &Entry) -> Vec<String> {
    let start = e.lines.iter().position(|l| !l.trim().is_empty());
    let end = e.lines.iter().rposition(|l| !l.trim().is_empty());
    let mut body: Vec<String> = match (start, end) {
        (Some(s), Some(t)) => e.lines[s..=t].to_vec(),
        _ => return Vec::new(),
    };
    for line in body.iter_mut() {
        if line.contains("WITH (") {
            *line = sort_storage_options(line);
        }
    }
    match e.kind() {
        "TABLE" | "FOREIGN TABLE" => sort_table_columns(&mut body),
        "ACL" | "DEFAULT ACL" => {
            body.retain(|l| !l.trim().is_empty());
            body.sort();
        }
        "STATISTICS" => {
            for line in body.iter_mut() {
                *line = sort_statistics_columns(line);
            }
        }
        _ => {}
    }
    body
}

/// `CREATE STATISTICS s ON b, a FROM t` with the plain columns sorted: PostgreSQL keeps them
/// in attnum order, and the column order of a table is not compared (a column the plan
/// drops and adds back comes last). Expressions (in parentheses) stay as they are, after.
fn sort_statistics_columns(line: &str) -> String {
    let (Some(on), Some(from)) = (line.find(" ON "), line.rfind(" FROM ")) else {
        return line.to_string();
    };
    if !line.starts_with("CREATE STATISTICS ") || from < on {
        return line.to_string();
    }
    let list = &line[on + 4..from];
    let (mut items, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                items.push(list[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(list[start..].trim());
    let (mut cols, exprs): (Vec<&str>, Vec<&str>) =
        items.into_iter().partition(|i| !i.starts_with('('));
    cols.sort();
    cols.extend(exprs);
    format!("{} ON {}{}", &line[..on], cols.join(", "), &line[from..])
}

/// Sort the items of every `WITH (key='value', ...)` list on the line: storage parameters
/// (`reloptions` of tables, indexes, views) keep the order they were given in, and they are a
/// set. A list is only touched when every item has pg_dump's `key='value'` / `key=value` form.
fn sort_storage_options(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("WITH (") {
        let (before, after) = rest.split_at(at + "WITH (".len());
        out.push_str(before);
        let Some(items) = option_items(after) else {
            rest = after;
            continue;
        };
        let len: usize = items.iter().map(|i| i.len()).sum::<usize>() + 2 * (items.len() - 1);
        let mut sorted = items;
        sorted.sort();
        out.push_str(&sorted.join(", "));
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

/// `key='value', key=value` up to the closing parenthesis, or `None` if that is not what
/// follows. Values are single-quoted with `''` for a quote, or bare plain identifiers.
fn option_items(text: &str) -> Option<Vec<&str>> {
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || b"_.".contains(&bytes[i])) {
            i += 1;
        }
        if i == start || bytes.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        if bytes.get(i) == Some(&b'\'') {
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return None,
                    Some(b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 2,
                    Some(b'\'') => break,
                    Some(_) => i += 1,
                }
            }
            i += 1;
        } else {
            // A value that is a plain identifier is printed bare (`deduplicate_items=off`).
            let value = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            if i == value {
                return None;
            }
        }
        items.push(&text[start..i]);
        match bytes.get(i) {
            Some(b')') => return Some(items),
            Some(b',') if bytes.get(i + 1) == Some(&b' ') => i += 2,
            _ => return None,
        }
    }
}

/// In a table entry: sort the lines between `CREATE ... TABLE name (` and its closing `)`
/// (one trailing comma dropped from each, since which line is last depends on the order),
/// and the statement lines after the CREATE TABLE statement (per-column `ALTER ... SET
/// STATISTICS/STORAGE`, the owner), which pg_dump writes in column order.
fn sort_table_columns(body: &mut Vec<String>) {
    let Some(open) = body.iter().position(|l| {
        let creates = l.starts_with("CREATE TABLE ")
            || l.starts_with("CREATE UNLOGGED TABLE ")
            || l.starts_with("CREATE FOREIGN TABLE ");
        creates && l.ends_with(" (")
    }) else {
        return;
    };
    let Some(close) = body[open + 1..]
        .iter()
        .position(|l| l.starts_with(')'))
        .map(|p| p + open + 1)
    else {
        return;
    };
    let mut columns: Vec<String> = body[open + 1..close]
        .iter()
        .map(|l| l.strip_suffix(',').unwrap_or(l).to_owned())
        .collect();
    columns.sort();
    let Some(end) = body[close..]
        .iter()
        .position(|l| l.ends_with(';'))
        .map(|p| p + close)
    else {
        return;
    };
    let mut rest: Vec<String> = body[end + 1..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .cloned()
        .collect();
    rest.sort();
    let mut out: Vec<String> = body[..=open].to_vec();
    out.extend(columns);
    out.extend(body[close..=end].iter().cloned());
    out.extend(rest);
    *body = out;
}

#[cfg(test)]
#[path = "pgdump_tests.rs"]
mod tests;
