//! DDL building blocks: pure functions from model objects to SQL statements.
//!
//! Convention: every function returns ONE statement WITHOUT a trailing `;` (callers — the
//! dump renderer, the planner — add terminators and decide how statements are grouped).
//! Definitions PostgreSQL printed itself (`pg_get_*`) are embedded verbatim; every identifier
//! we write goes through [`quote_ident`] or `QualifiedName`'s `Display`, every literal through
//! [`quote_literal`] (DESIGN decision 8).
//!
//! These functions are shared by `dump` and the migration planner, so each one does a single
//! thing and none of them decides ordering.

pub mod access_method;
pub mod collation;
pub mod column;
pub mod comment;
pub mod composite;
pub mod constraint;
pub mod default_privileges;
pub mod defined;
pub mod domain;
pub mod enum_type;
pub mod event_trigger;
pub mod extension;
pub mod function;
pub mod grant;
pub mod index;
pub mod owner;
pub mod policy;
pub mod publication;
pub mod range;
pub mod schema;
pub mod sequence;
pub mod table;
pub mod trigger;
pub mod view;

#[cfg(test)]
pub(crate) mod fixtures;

use crate::model::{QualifiedName, quote_ident, quote_literal};

/// Errors for inputs a statement cannot be built from (never panics on bad input).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DdlError {
    #[error("index definition of {name} does not start with CREATE [UNIQUE] INDEX: {definition}")]
    UnexpectedIndexDefinition { name: String, definition: String },
    #[error("index {name} is on a partitioned table (ON ONLY); it cannot be built CONCURRENTLY")]
    ConcurrentPartitionedIndex { name: String },
    #[error("constraint {name} is {kind}; only CHECK and FOREIGN KEY constraints can be NOT VALID")]
    NotValidUnsupported { name: String, kind: String },
    #[error("trigger {name} has unknown enabled state {state:?} (expected O, D, R or A)")]
    UnknownTriggerState { name: String, state: String },
    #[error("policy {name} has unknown command {command:?}")]
    UnknownPolicyCommand { name: String, command: String },
}

/// A role as a grantee or policy target: `PUBLIC` stays a keyword, roles are quoted.
pub fn role(name: &str) -> String {
    if name == "PUBLIC" {
        name.to_string()
    } else {
        quote_ident(name)
    }
}

/// A name for a temporary object beside `base` (`base_tag`), at most 63 bytes: a long base is
/// cut at a character boundary and given a short hash, so different bases stay different.
pub fn temp_name(base: &str, tag: &str) -> String {
    const MAX: usize = 63;
    let plain = format!("{base}_{tag}");
    if plain.len() <= MAX {
        return plain;
    }
    // FNV-1a: stable across runs and platforms, so a plan names the same temporary object
    // every time.
    let hash = base.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    let suffix = format!("_{:08x}_{tag}", hash as u32);
    let mut cut = MAX.saturating_sub(suffix.len());
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{suffix}", &base[..cut])
}

/// `schema.name` of an object that lives in a table's schema (indexes).
pub(crate) fn sibling(table: &QualifiedName, name: &str) -> QualifiedName {
    QualifiedName::new(table.schema.clone(), name)
}

/// One reloption `key=value` as SQL, the way pg_dump writes it: the name quoted per part
/// (`toast.autovacuum_enabled`), the value bare only when it is a plain identifier, else a
/// literal (so `fillfactor='70'`: leading zeroes and the like are kept exactly).
pub fn reloption(option: &str) -> String {
    let (name, value) = match option.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (option, None),
    };
    let name = name
        .split('.')
        .map(quote_ident)
        .collect::<Vec<_>>()
        .join(".");
    match value {
        Some(v) if quote_ident(v) == v => format!("{name}={v}"),
        Some(v) => format!("{name}={}", quote_literal(v)),
        None => name,
    }
}

/// `(a='1', b=x)`: a parenthesised reloption list.
pub fn reloptions(options: &[String]) -> String {
    let parts: Vec<String> = options.iter().map(|o| reloption(o)).collect();
    format!("({})", parts.join(", "))
}

/// Only the option names, for `RESET (...)`.
pub fn reloption_names(options: &[String]) -> String {
    let parts: Vec<String> = options
        .iter()
        .map(|o| {
            let name = o.split_once('=').map_or(o.as_str(), |(n, _)| n);
            name.split('.')
                .map(quote_ident)
                .collect::<Vec<_>>()
                .join(".")
        })
        .collect();
    format!("({})", parts.join(", "))
}

/// Strips a trailing `;` and whitespace (pg_get_viewdef ends with `;`, pg_get_functiondef
/// with a newline) so that statements follow this module's convention.
pub(crate) fn strip_terminator(sql: &str) -> &str {
    sql.trim_end().trim_end_matches(';').trim_end()
}

/// Test helper: snapshots go to the top-level `snapshots/` directory.
#[cfg(test)]
macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
            prepend_module_to_snapshot => true,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}
#[cfg(test)]
pub(crate) use snap;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reloptions_quote_like_pg_dump() {
        snap!(
            "reloptions",
            [
                reloptions(&["fillfactor=70".into(), "autovacuum_enabled=false".into()]),
                reloptions(&["toast.autovacuum_enabled=off".into()]),
                reloptions(&["check_option=cascaded".into(), "Weird Name=it's".into()]),
                reloption_names(&[
                    "fillfactor=70".into(),
                    "toast.autovacuum_enabled=off".into()
                ]),
                role("PUBLIC"),
                role("Admin Role"),
                role("app"),
            ]
            .join("\n")
        );
    }
}
