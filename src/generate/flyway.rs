//! `flyway`: versioned migrations, undo migrations and per-script configuration.
//!
//! ```text
//! DIR/V1__<slug>_expand.sql
//! DIR/U1__<slug>_expand.sql             -- undo (Flyway Teams runs U files; Community ignores them)
//! DIR/V2__<slug>_expand_2.sql
//! DIR/V2__<slug>_expand_2.sql.conf      -- executeInTransaction=false
//! DIR/U2__<slug>_expand_2.sql.conf
//! ```
//!
//! Flyway parses a script into statements (dollar quotes included) and runs them one by one:
//! in one transaction, or, with `executeInTransaction=false` in the script's `.sql.conf`, each
//! in autocommit, so `SET lock_timeout` works in every file. Default numbering: `V1`, `V2`.
//! Checked by golden files: Flyway's distribution is on Maven Central, which is not reachable
//! here, and the npm wrappers download it at run time.

use super::sql::Execution;
use super::{Context, Existing, File, Layout, Migration, Scanned, Scheme, comment};
use crate::error::Error;
use std::path::Path;

pub struct Flyway;

/// `V<version>__rest` (a migration) or `U<version>__rest` (its undo).
fn version_of(name: &str) -> Option<(&str, &str)> {
    name.strip_prefix('V')
        .or_else(|| name.strip_prefix('U'))
        .and_then(|rest| super::version_prefix(rest, "__"))
}

const EXPECTED: &str = "V<version>__<name>.sql, U<version>__<name>.sql or their .sql.conf";

impl Layout for Flyway {
    fn default_scheme(&self) -> Scheme {
        Scheme::Sequence { width: 1 }
    }

    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error> {
        super::scan_versioned(dir, "flyway", EXPECTED, version_of, |path, name, rest| {
            Ok(if rest.ends_with(".sql.conf") || name.starts_with('U') {
                Scanned::Skip
            } else if rest.ends_with(".sql") {
                Scanned::Up(super::read(path)?)
            } else {
                Scanned::Foreign
            })
        })
    }

    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error> {
        let mut out = Vec::new();
        for (version, m) in new {
            let stem = super::file_stem(ctx.slug, m);
            for (prefix, body) in [("V", &m.up), ("U", &m.down)] {
                let path = ctx.dir.join(format!("{prefix}{version}__{stem}.sql"));
                let mut header = m.header();
                if prefix == "U" {
                    header.push(
                        "undo: Flyway Teams runs this with `flyway undo`; Community edition ignores it"
                            .into(),
                    );
                }
                let text =
                    super::body_text(body, Execution::ByStatement, &path.display().to_string())?;
                if !body.transactional() {
                    out.push(File {
                        path: path.with_extension("sql.conf"),
                        contents: "executeInTransaction=false\n".into(),
                        replaces: false,
                    });
                }
                out.push(File {
                    contents: format!("{}\n{text}", comment(&header, "--")),
                    path,
                    replaces: false,
                });
            }
        }
        Ok(out)
    }

    fn note(&self) -> Option<&'static str> {
        Some(
            "flyway: U files are undo migrations, run by Flyway Teams (`flyway undo`); Community edition ignores them",
        )
    }
}
