//! What must hold for every input, besides not panicking: errors about file content carry
//! file:line:column inside the file, and connection strings never show their password.

use super::inputs::SECRET;
use schemadiff::connect::{ConnectOptions, Host};
use schemadiff::source::{Location, SourceError, hints, order, read_bytes};
use std::path::Path;

/// How an input ended, for the counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Statements,
    Lex,
    Meta,
    Annotation,
    Rejected,
    Cycle,
    ConnOk,
    ConnErr,
}

pub const FILE: &str = "fuzz/input.sql";

/// Split, classify, annotate, resolve, read hints from and order one file's bytes. `Err` is a broken property.
pub fn sql(bytes: &[u8]) -> Result<Outcome, String> {
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    let check = |l: &Location| -> Result<(), String> {
        if l.file != Path::new(FILE) || l.line == 0 || l.line > lines || l.column == 0 {
            return Err(format!("location {l} outside the input ({lines} lines)"));
        }
        Ok(())
    };
    let file_error = |e: &SourceError| -> Result<Outcome, String> {
        let location = e
            .location()
            .ok_or_else(|| format!("error without a location: {e}"))?;
        check(location)?;
        let text = e.to_string();
        let located = match e {
            SourceError::Cycle { members } => {
                for (l, _) in members {
                    check(l)?;
                }
                text.contains(&location.to_string())
            }
            _ => text.starts_with(&format!("{location}: ")),
        };
        if !located {
            return Err(format!("error does not start with its location: {text}"));
        }
        Ok(match e {
            SourceError::Lex { .. } => Outcome::Lex,
            SourceError::Meta { .. } | SourceError::IncludeCycle { .. } => Outcome::Meta,
            SourceError::Annotation { .. } => Outcome::Annotation,
            SourceError::Rejected { .. } => Outcome::Rejected,
            SourceError::Cycle { .. } => Outcome::Cycle,
            SourceError::Io { .. } => return Err(format!("I/O error from memory: {e}")),
        })
    };
    let statements = match read_bytes(Path::new(FILE), bytes) {
        Ok(s) => s,
        Err(e) => return file_error(&e),
    };
    for s in &statements {
        check(&s.location)?;
        for a in &s.annotations {
            check(&a.location)?;
        }
        if s.sql.trim().is_empty() {
            return Err(format!("{}: empty statement", s.location));
        }
        let _ = (s.summary(), s.warning());
    }
    if let Err(e) = hints(&statements) {
        return file_error(&e);
    }
    let n = statements.len();
    match order(statements) {
        Ok(ordered) if ordered.len() == n => Ok(Outcome::Statements),
        Ok(ordered) => Err(format!("order kept {} of {n} statements", ordered.len())),
        Err(e) => file_error(&e),
    }
}

/// Parse one connection string with an empty environment. `Err` is a broken property.
pub fn conninfo(s: &str) -> Result<Outcome, String> {
    match ConnectOptions::parse_with_env(s, &|_| None) {
        Ok(opts) => {
            let _ = opts.to_tokio_config();
            let host = match opts.host() {
                Host::Tcp(h) => h.clone(),
                Host::Unix(p) => p.to_string_lossy().into_owned(),
            };
            // Whatever ended up as user, host or database is shown; the password never.
            let shown = [opts.user(), host.as_str(), opts.dbname()];
            let redacted = opts.redacted();
            if !shown.iter().any(|v| v.contains(SECRET)) && redacted.contains(SECRET) {
                return Err(format!("password shown in {redacted}"));
            }
            Ok(Outcome::ConnOk)
        }
        Err(e) => {
            let text = e.to_string();
            if text.contains('\n') {
                return Err(format!("error of more than one line: {text:?}"));
            }
            Ok(Outcome::ConnErr)
        }
    }
}
