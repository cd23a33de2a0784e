//! `plain`: numbered directories of `up.sql` and `down.sql`, for psql or a runner of one's
//! own.
//!
//! ```text
//! DIR/0001_<slug>_expand/up.sql     -- psql -X -v ON_ERROR_STOP=1 -f; BEGIN/COMMIT inside
//! DIR/0001_<slug>_expand/down.sql
//! DIR/0002_<slug>_expand_2/up.sql   -- a statement that runs outside any transaction
//! ```
//!
//! Files run with psql in autocommit mode: transactional parts are `BEGIN; ... COMMIT;`, a
//! non-transactional statement stands alone. Sequence numbers, four digits.

use super::sql::Execution;
use super::{Context, Existing, File, Layout, Migration, Scheme, comment, entries, foreign};
use crate::error::Error;
use std::path::Path;

pub struct Plain;

const EXPECTED: &str = "directories NNNN_name holding up.sql and down.sql";

impl Layout for Plain {
    fn default_scheme(&self) -> Scheme {
        Scheme::Sequence { width: 4 }
    }

    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error> {
        let mut out = Vec::new();
        for (path, name) in entries(dir)? {
            let up = path.join("up.sql");
            let Some((version, _)) = super::version_prefix(&name, "_") else {
                return Err(foreign(&path, "plain", EXPECTED));
            };
            if !up.is_file() {
                return Err(foreign(&path, "plain", EXPECTED));
            }
            out.push(Existing {
                version: version.to_string(),
                name: name.clone(),
                up: Some(super::read(&up)?),
                path: up,
            });
        }
        Ok(out)
    }

    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error> {
        let mut out = Vec::new();
        for (version, m) in new {
            let folder = ctx
                .dir
                .join(format!("{version}_{}", super::file_stem(ctx.slug, m)));
            let header = comment(&m.header(), "--");
            let what = folder.display().to_string();
            let up = super::body_text(&m.up, Execution::Psql, &what)?;
            let down = super::body_text(&m.down, Execution::Psql, &what)?;
            out.push(File {
                path: folder.join("up.sql"),
                contents: format!("{header}\n{up}"),
                replaces: false,
            });
            out.push(File {
                path: folder.join("down.sql"),
                contents: format!("{header}-- down: undoes up.sql\n\n{down}"),
                replaces: false,
            });
        }
        Ok(out)
    }
}
