//! `goose`: one SQL file per migration with both directions.
//!
//! ```text
//! DIR/20261201154500_<slug>_expand.sql
//!   -- +goose NO TRANSACTION        (only when a statement may not run in a transaction)
//!   -- +goose Up
//!   -- +goose StatementBegin        (around a statement whose text contains a semicolon)
//!   ...
//!   -- +goose StatementEnd
//!   -- +goose Down
//!   ...
//! ```
//!
//! goose splits the file at `;` ending a line (except between StatementBegin and
//! StatementEnd) and runs the statements one by one, in one transaction unless the file says
//! `NO TRANSACTION`, which covers both directions. Default numbering: timestamps (`goose
//! create`'s default; `-s` directories continue as sequences). Checked by golden files: goose
//! is a Go program and no Go toolchain or binary installs from the registries here.

use super::sql::runnables;
use super::{Body, Context, Existing, File, Layout, Migration, Scanned, Scheme, comment};
use crate::error::Error;
use std::path::Path;

pub struct Goose;

const EXPECTED: &str = "VERSION_name.sql with -- +goose Up";

impl Layout for Goose {
    fn default_scheme(&self) -> Scheme {
        Scheme::Timestamp
    }

    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error> {
        super::scan_versioned(
            dir,
            "goose",
            EXPECTED,
            |name| super::version_prefix(name, "_"),
            |path, _, rest| {
                let text = super::read(path)?;
                Ok(
                    if rest.ends_with(".sql") && text.lines().any(|l| annotation(l) == Some("Up")) {
                        Scanned::Up(up_part(&text))
                    } else {
                        Scanned::Foreign
                    },
                )
            },
        )
    }

    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error> {
        let mut out = Vec::new();
        for (version, m) in new {
            let path = ctx
                .dir
                .join(format!("{version}_{}.sql", super::file_stem(ctx.slug, m)));
            let mut text = comment(&m.header(), "--");
            if !m.up.transactional() || !m.down.transactional() {
                text.push_str("-- +goose NO TRANSACTION\n");
            }
            text.push_str("-- +goose Up\n");
            text.push_str(&section(&m.up));
            text.push_str("\n-- +goose Down\n");
            text.push_str(&section(&m.down));
            out.push(File {
                path,
                contents: text,
                replaces: false,
            });
        }
        Ok(out)
    }
}

/// One direction: each statement on its own, wrapped when goose's splitter would cut it.
fn section(body: &Body) -> String {
    let mut out = String::new();
    for note in &body.notes {
        out.push_str(&format!("-- way back: {note}\n"));
    }
    for r in runnables(body) {
        if r.sql.contains(';') {
            out.push_str(&format!(
                "-- +goose StatementBegin\n{};\n-- +goose StatementEnd\n",
                r.sql
            ));
        } else {
            out.push_str(&format!("{};\n", r.sql));
        }
    }
    out
}

/// `Up` for `-- +goose Up`: the word after the marker.
fn annotation(line: &str) -> Option<&str> {
    let rest = line
        .trim()
        .strip_prefix("--")?
        .trim_start()
        .strip_prefix("+goose")?;
    Some(rest.trim())
}

/// The file with everything but the SQL of the Up section blanked.
fn up_part(text: &str) -> String {
    let mut inside = false;
    let lines: Vec<bool> = text
        .lines()
        .map(|l| match annotation(l) {
            Some(a) if a.eq_ignore_ascii_case("up") => {
                inside = true;
                false
            }
            Some(a) if a.eq_ignore_ascii_case("down") => {
                inside = false;
                false
            }
            Some(_) => false,
            None => inside,
        })
        .collect();
    super::keep_lines(text, |i, _| lines.get(i).copied().unwrap_or(false))
}
