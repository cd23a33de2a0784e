//! `dbmate`: one SQL file per migration with both directions.
//!
//! ```text
//! DIR/20261201154500_<slug>_expand.sql
//!   -- migrate:up
//!   ...
//!   -- migrate:down
//!   ...
//! DIR/20261201154501_<slug>_expand_2.sql
//!   -- migrate:up transaction:false
//!   CREATE INDEX CONCURRENTLY ...;
//!   -- migrate:down transaction:false
//!   DROP INDEX CONCURRENTLY ...;
//! ```
//!
//! dbmate sends a section as one query: inside its own transaction by default, alone with
//! `transaction:false`. PostgreSQL runs a multi-statement query as one implicit transaction,
//! so a `transaction:false` section holds exactly one statement (its `lock_timeout` comes
//! from the connection, as its header says). Default numbering: timestamps, as `dbmate new`.

use super::sql::{CONNECTION_TIMEOUT_NOTE, Execution};
use super::{Body, Context, Existing, File, Layout, Migration, Scanned, Scheme, comment};
use crate::error::Error;
use std::path::Path;

pub struct Dbmate;

const EXPECTED: &str = "VERSION_name.sql with -- migrate:up";

impl Layout for Dbmate {
    fn default_scheme(&self) -> Scheme {
        Scheme::Timestamp
    }

    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error> {
        super::scan_versioned(
            dir,
            "dbmate",
            EXPECTED,
            |name| super::version_prefix(name, "_"),
            |path, _, rest| {
                let text = super::read(path)?;
                if !rest.ends_with(".sql") || !text.lines().any(|l| marker(l) == Some("up")) {
                    return Ok(Scanned::Foreign);
                }
                Ok(Scanned::Up(up_part(&text)))
            },
        )
    }

    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error> {
        let mut out = Vec::new();
        for (version, m) in new {
            let path = ctx
                .dir
                .join(format!("{version}_{}.sql", super::file_stem(ctx.slug, m)));
            let what = path.display().to_string();
            let mut header = m.header();
            if !m.up.transactional() || !m.down.transactional() {
                header.push(CONNECTION_TIMEOUT_NOTE.to_string());
            }
            let mut text = comment(&header, "--");
            text.push_str(&section("up", &m.up, &what)?);
            text.push('\n');
            text.push_str(&section("down", &m.down, &what)?);
            out.push(File {
                path,
                contents: text,
                replaces: false,
            });
        }
        Ok(out)
    }
}

fn section(direction: &str, body: &Body, what: &str) -> Result<String, Error> {
    let (options, execution) = if body.transactional() {
        ("", Execution::ByStatement)
    } else {
        (" transaction:false", Execution::OneQuery)
    };
    let sql = super::body_text(body, execution, what)?;
    Ok(format!("-- migrate:{direction}{options}\n{sql}"))
}

/// `up` / `down` for a `-- migrate:up ...` line.
fn marker(line: &str) -> Option<&str> {
    let rest = line
        .trim()
        .strip_prefix("--")?
        .trim_start()
        .strip_prefix("migrate:")?;
    rest.split_whitespace().next()
}

/// The lines of a dbmate file between `-- migrate:up` and the next marker, the others
/// blanked (line numbers kept for errors).
fn up_part(text: &str) -> String {
    let mut inside = false;
    let keep: Vec<bool> = text
        .lines()
        .map(|l| match marker(l) {
            Some(m) => {
                inside = m == "up";
                false
            }
            None => inside,
        })
        .collect();
    super::keep_lines(text, |i, _| keep.get(i).copied().unwrap_or(false))
}
