//! `golang-migrate`: a pair of files per migration.
//!
//! ```text
//! DIR/20261201154500_<slug>_expand.up.sql
//! DIR/20261201154500_<slug>_expand.down.sql
//! DIR/20261201154501_<slug>_expand_2.up.sql   -- CREATE INDEX CONCURRENTLY, alone
//! ```
//!
//! golang-migrate's postgres driver sends each file as one multi-statement query and opens no
//! transaction of its own; PostgreSQL runs such a query as one implicit transaction. So a
//! transactional migration is atomic as it is, and a statement that may not run in a
//! transaction block is the only statement of its file (its `lock_timeout` comes from the
//! connection: the header says so). Default numbering: timestamps (`migrate create`'s default;
//! `-seq` directories continue as sequences). Checked by golden files: the runner is a Go
//! program and no Go toolchain or binary installs from the registries here.

use super::sql::{CONNECTION_TIMEOUT_NOTE, Execution};
use super::{Context, Existing, File, Layout, Migration, Scanned, Scheme, comment};
use crate::error::Error;
use std::path::Path;

pub struct GolangMigrate;

const EXPECTED: &str = "VERSION_name.up.sql and VERSION_name.down.sql";

impl Layout for GolangMigrate {
    fn default_scheme(&self) -> Scheme {
        Scheme::Timestamp
    }

    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error> {
        super::scan_versioned(
            dir,
            "golang-migrate",
            EXPECTED,
            |name| super::version_prefix(name, "_"),
            |path, _, rest| {
                Ok(if rest.ends_with(".down.sql") {
                    Scanned::Skip
                } else if rest.ends_with(".up.sql") {
                    Scanned::Up(super::read(path)?)
                } else {
                    Scanned::Foreign
                })
            },
        )
    }

    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error> {
        let mut out = Vec::new();
        for (version, m) in new {
            let stem = format!("{version}_{}", super::file_stem(ctx.slug, m));
            for (suffix, body) in [("up", &m.up), ("down", &m.down)] {
                let path = ctx.dir.join(format!("{stem}.{suffix}.sql"));
                let mut header = m.header();
                if !body.transactional() {
                    header.push(CONNECTION_TIMEOUT_NOTE.to_string());
                }
                let text =
                    super::body_text(body, Execution::OneQuery, &path.display().to_string())?;
                out.push(File {
                    contents: format!("{}\n{text}", comment(&header, "--")),
                    path,
                    replaces: false,
                });
            }
        }
        Ok(out)
    }
}
