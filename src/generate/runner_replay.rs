//! The current state of a directory of code migrations (Alembic, Django) without `--from`:
//! the real runner, when installed, migrates a shadow database. The runner is started from
//! a small Python program that forces every connection onto the shadow (Django: the
//! settings' `DATABASES` replaced before setup; Alembic: SQLAlchemy's engine constructors
//! replaced before `env.py` runs), so a project's own database URL is never used. The shadow
//! is given as the libpq environment (`PGHOST`, ...), which psycopg2 reads.

use super::Format;
use crate::connect::ConnectOptions;
use crate::error::Error;
use std::path::{Path, PathBuf};

/// How to run a runner's migrations into a database.
#[derive(Clone, Debug)]
pub struct RunnerReplay {
    pub program: PathBuf,
    pub script: &'static str,
    pub args: Vec<String>,
    pub cwd: PathBuf,
    /// For messages: `alembic upgrade head`.
    pub what: &'static str,
}

const ALEMBIC: &str = r#"
import sys
import sqlalchemy
from sqlalchemy.pool import NullPool

shadow = sqlalchemy.create_engine("postgresql+psycopg2://", poolclass=NullPool)

def forced(*args, **kwargs):
    return shadow

def refused(*args, **kwargs):
    raise SystemExit("schemadiff: an async env.py cannot be pointed at the shadow database; pass --from")

sqlalchemy.create_engine = forced
sqlalchemy.engine_from_config = forced
sqlalchemy.engine.create_engine = forced
sqlalchemy.engine.engine_from_config = forced
try:
    import sqlalchemy.ext.asyncio as aio
    aio.create_async_engine = refused
    aio.async_engine_from_config = refused
except ImportError:
    pass

from alembic import command
from alembic.config import Config

config = Config(sys.argv[1])
config.set_main_option("sqlalchemy.url", "postgresql+psycopg2://")
command.upgrade(config, "head")
"#;

const DJANGO: &str = r#"
import os
import sys
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", sys.argv[2])
import django
from django.conf import settings

settings.DATABASES  # loads the project's settings
settings.DATABASES.clear()
settings.DATABASES["default"] = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": os.environ["PGDATABASE"],
    "HOST": os.environ.get("PGHOST", ""),
    "PORT": os.environ.get("PGPORT", ""),
    "USER": os.environ.get("PGUSER", ""),
    "PASSWORD": os.environ.get("PGPASSWORD", ""),
}
django.setup()
from django.core.management import call_command
call_command("migrate", sys.argv[1], interactive=False, verbosity=0)
"#;

/// The runner replay of `dir`, or an error asking for `--from` that says what is missing.
pub fn for_dir(format: Format, dir: &Path) -> Result<RunnerReplay, Error> {
    let ask = |why: String| {
        Error::Usage(format!(
            "{}: {why}; pass --from with a database the runner has migrated",
            dir.display()
        ))
    };
    let python = on_path("python3").ok_or_else(|| ask("python3 is not on PATH".into()))?;
    let absolute = std::path::absolute(dir).map_err(Error::io("cannot resolve --dir"))?;
    match format {
        Format::Alembic => {
            importable(&python, "alembic").map_err(&ask)?;
            let ini = find_up(&absolute, "alembic.ini")
                .ok_or_else(|| ask("no alembic.ini in it or above it".into()))?;
            Ok(RunnerReplay {
                program: python,
                script: ALEMBIC,
                args: vec![ini.display().to_string()],
                cwd: ini.parent().unwrap_or(Path::new(".")).to_path_buf(),
                what: "alembic upgrade head",
            })
        }
        Format::Django => {
            importable(&python, "django").map_err(&ask)?;
            let manage = find_up(&absolute, "manage.py")
                .ok_or_else(|| ask("no manage.py in or above it".into()))?;
            let settings = std::env::var("DJANGO_SETTINGS_MODULE")
                .ok()
                .or_else(|| settings_module(&std::fs::read_to_string(&manage).ok()?))
                .ok_or_else(|| {
                    ask(format!(
                        "{} does not name DJANGO_SETTINGS_MODULE",
                        manage.display()
                    ))
                })?;
            let app = absolute
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().to_string())
                .ok_or_else(|| ask("not an <app>/migrations directory".into()))?;
            Ok(RunnerReplay {
                program: python,
                script: DJANGO,
                args: vec![app, settings],
                cwd: manage.parent().unwrap_or(Path::new(".")).to_path_buf(),
                what: "manage.py migrate",
            })
        }
        _ => Err(Error::Usage(format!(
            "{} migrations are replayed from their SQL, not by the runner",
            format.name()
        ))),
    }
}

impl RunnerReplay {
    /// Run the migrations into the database `opts` names.
    pub async fn run(&self, opts: &ConnectOptions) -> Result<(), Error> {
        let mut cmd = tokio::process::Command::new(&self.program);
        cmd.arg("-c")
            .arg(self.script)
            .args(&self.args)
            .current_dir(&self.cwd)
            .envs(opts.libpq_env())
            // Any URL env.py or the settings might read points at the shadow too.
            .env("DATABASE_URL", "postgresql://")
            .kill_on_drop(true);
        let out = cmd
            .output()
            .await
            .map_err(Error::io(format!("cannot run {}", self.program.display())))?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return Err(Error::Usage(format!(
                "replaying the directory with {} into a shadow database failed:\n{}",
                self.what,
                tail.join("\n")
            )));
        }
        Ok(())
    }
}

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

fn importable(python: &Path, module: &str) -> Result<(), String> {
    let ok = std::process::Command::new(python)
        .args(["-c", &format!("import {module}, psycopg2")])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{module} (with psycopg2) is not installed for python3"
        ))
    }
}

/// `name` in `dir` or the nearest folder above it.
fn find_up(dir: &Path, name: &str) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(name)).find(|p| p.is_file())
}

/// The settings module `manage.py` sets: `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x")`.
fn settings_module(manage: &str) -> Option<String> {
    let at = manage.find("DJANGO_SETTINGS_MODULE")?;
    let rest = &manage[at + "DJANGO_SETTINGS_MODULE".len()..];
    let rest = rest.trim_start_matches(['"', '\'']);
    let rest = rest.trim_start().strip_prefix(',')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

#[cfg(test)]
mod tests {
    use super::settings_module;

    #[test]
    fn the_settings_module_is_read_from_manage_py() {
        let manage =
            "def main():\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n";
        assert_eq!(settings_module(manage).as_deref(), Some("shop.settings"));
        assert_eq!(settings_module("print('hi')"), None);
    }
}
