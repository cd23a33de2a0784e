//! `django`: migrations of one app, made of `RunSQL` operations.
//!
//! ```text
//! DIR/__init__.py                     -- DIR is <app>/migrations (written when missing)
//! DIR/0001_<slug>_expand.py           -- RunSQL(sql=[...], reverse_sql=[...])
//! DIR/0002_<slug>_expand_2.py         -- atomic = False
//! ```
//!
//! `RunSQL` is given lists, so Django runs the statements one by one (no splitting of its
//! own): in the migration's transaction, or in autocommit with `atomic = False`. Each
//! migration depends on the one before in the app (the app label is DIR's parent folder).
//! The current state of a directory is what Django makes of it (`runner_replay`), or `--from`.

use super::python::{header, literal};
use super::sql::runnables;
use super::{Body, Context, Existing, File, Layout, Migration, Scheme, entries, foreign};
use crate::error::Error;
use std::path::Path;

pub struct Django;

const EXPECTED: &str = "NNNN_name.py migrations and __init__.py";

impl Layout for Django {
    fn default_scheme(&self) -> Scheme {
        Scheme::Sequence { width: 4 }
    }

    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error> {
        let mut out = Vec::new();
        for (path, name) in entries(dir)? {
            if name == "__init__.py" || name == "__pycache__" {
                continue;
            }
            let Some((version, rest)) = super::version_prefix(&name, "_") else {
                return Err(foreign(&path, "django", EXPECTED));
            };
            if !rest.ends_with(".py") {
                return Err(foreign(&path, "django", EXPECTED));
            }
            out.push(Existing {
                version: version.to_string(),
                name: name.trim_end_matches(".py").to_string(),
                path,
                up: None,
            });
        }
        out.sort_by_key(|e| e.version.parse::<u64>().unwrap_or(u64::MAX));
        Ok(out)
    }

    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error> {
        let app = app_label(ctx.dir)?;
        let mut out = Vec::new();
        let init = ctx.dir.join("__init__.py");
        if !init.exists() {
            out.push(File {
                path: init,
                contents: String::new(),
                replaces: false,
            });
        }
        let mut previous = ctx.existing.last().map(|e| e.name.clone());
        for (version, m) in new {
            let name = format!("{version}_{}", super::file_stem(ctx.slug, m));
            let dependencies = previous
                .as_ref()
                .map_or(String::new(), |p| format!("({app:?}, {p:?})"));
            // One transaction, or none: Django's `atomic` covers both directions.
            let atomic = m.up.transactional() && m.down.transactional();
            let text = format!(
                "{}from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n{}    dependencies = [{dependencies}]\n\n    operations = [\n        migrations.RunSQL(\n            sql={},\n            reverse_sql={},\n        ),\n    ]\n",
                header(&m.header()),
                if atomic { "" } else { "    atomic = False\n" },
                list(&m.up),
                list(&m.down),
            );
            out.push(File {
                path: ctx.dir.join(format!("{name}.py")),
                contents: text,
                replaces: false,
            });
            previous = Some(name);
        }
        Ok(out)
    }
}

/// The statements as a Python list (Django runs each alone; `[]` does nothing).
fn list(body: &Body) -> String {
    let items: Vec<String> = runnables(body)
        .iter()
        .map(|r| format!("                {},\n", literal(&r.sql)))
        .collect();
    if items.is_empty() {
        return "[]".into();
    }
    format!("[\n{}            ]", items.concat())
}

/// The app a migrations directory belongs to: the name of its parent folder.
fn app_label(dir: &Path) -> Result<String, Error> {
    let absolute = std::path::absolute(dir).map_err(Error::io("cannot resolve --dir"))?;
    absolute
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| {
            Error::Usage(format!(
                "{}: a Django migrations directory is <app>/migrations",
                dir.display()
            ))
        })
}
