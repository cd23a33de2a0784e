//! `schemadiff generate`: a plan written as migration files for the runner a team already
//! uses (DESIGN: "keep an existing migration runner"). [`migration`] cuts the plan into
//! migrations (one per phase, a non-transactional statement alone); [`sql`] writes a body's
//! SQL with its timeouts; one module per format lays the files out ([`Format`] is the one
//! list of formats); [`replay`] reads a directory's up parts back so that the directory
//! itself is the current state.

pub mod alembic;
pub mod dbmate;
pub mod django;
pub mod flyway;
pub mod golang_migrate;
pub mod goose;
pub mod liquibase;
pub mod migration;
pub mod numbering;
pub mod plain;
pub mod prisma;
mod python;
pub mod replay;
pub mod runner_replay;
pub mod sqitch;
pub mod sql;

pub use migration::{Body, Migration, migrations};
pub use numbering::Scheme;

use crate::error::Error;
use crate::model::Catalog;
use crate::plan::Plan;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The runner formats: the one list (`--format` takes these names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Plain,
    Flyway,
    GolangMigrate,
    Goose,
    Dbmate,
    Sqitch,
    Liquibase,
    Prisma,
    Alembic,
    Django,
}

impl Format {
    /// The module that knows this format's files.
    pub fn layout(self) -> &'static dyn Layout {
        match self {
            Format::Plain => &plain::Plain,
            Format::Flyway => &flyway::Flyway,
            Format::GolangMigrate => &golang_migrate::GolangMigrate,
            Format::Goose => &goose::Goose,
            Format::Dbmate => &dbmate::Dbmate,
            Format::Sqitch => &sqitch::Sqitch,
            Format::Liquibase => &liquibase::Liquibase,
            Format::Prisma => &prisma::Prisma,
            Format::Alembic => &alembic::Alembic,
            Format::Django => &django::Django,
        }
    }

    /// The name `--format` takes.
    pub fn name(self) -> String {
        use clap::ValueEnum;
        self.to_possible_value()
            .expect("no variant is skipped")
            .get_name()
            .to_string()
    }
}

/// One migration already in the directory.
#[derive(Clone, Debug, PartialEq)]
pub struct Existing {
    /// Its version (the number or timestamp its file name starts with).
    pub version: String,
    /// The runner's name for it (Alembic revision, Django migration or sqitch change name).
    pub name: String,
    /// The file its up part is in.
    pub path: PathBuf,
    /// The whole file with everything but the up part's SQL blanked out (lines kept, so a
    /// statement's line is its line in the file); `None` for code formats.
    pub up: Option<String>,
}

/// What a format writes: new files, and files it rewrites (sqitch.plan).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: PathBuf,
    pub contents: String,
    /// True for a file that may exist already and is replaced (a plan file it appends to).
    pub replaces: bool,
}

/// Everything a format needs to write new migrations.
pub struct Context<'a> {
    pub dir: &'a Path,
    /// The name part after the version: `--name`, default `schemadiff`.
    pub slug: &'a str,
    pub now: SystemTime,
    pub existing: &'a [Existing],
    /// The desired state (sqitch's verify scripts check it).
    pub to: &'a Catalog,
}

/// One runner's file layout.
pub trait Layout: Sync {
    /// How a new directory numbers its migrations.
    fn default_scheme(&self) -> Scheme;
    /// The migrations in `dir`, in the order the runner runs them. A file that does not
    /// belong to the format is an error naming it.
    fn existing(&self, dir: &Path) -> Result<Vec<Existing>, Error>;
    /// The files for `new`: each migration with its version.
    fn files(&self, ctx: &Context, new: &[(String, &Migration)]) -> Result<Vec<File>, Error>;
    /// Said on stderr after writing (what the runner cannot do, how to run the files).
    fn note(&self) -> Option<&'static str> {
        None
    }
}

/// The files that write `plan` into `dir` after its `existing` migrations. Nothing to do:
/// no files.
pub fn files(format: Format, plan: &Plan, ctx: &Context) -> Result<Vec<File>, Error> {
    let migrations = migrations(plan);
    if migrations.is_empty() {
        return Ok(Vec::new());
    }
    let layout = format.layout();
    let versions: Vec<String> = ctx.existing.iter().map(|e| e.version.clone()).collect();
    let scheme = Scheme::detect(&versions, layout.default_scheme())
        .map_err(|e| Error::Usage(format!("{}: {e}", ctx.dir.display())))?;
    let numbers = scheme.next(&versions, migrations.len(), ctx.now);
    let new: Vec<(String, &Migration)> = numbers.into_iter().zip(migrations.iter()).collect();
    layout.files(ctx, &new)
}

/// Write `files`, refusing (before writing anything) to overwrite a file that exists unless
/// the format replaces it.
pub fn write(files: &[File]) -> Result<(), Error> {
    if let Some(f) = files.iter().find(|f| !f.replaces && f.path.exists()) {
        return Err(Error::Usage(format!(
            "{} exists already; nothing was written",
            f.path.display()
        )));
    }
    for f in files {
        if let Some(parent) = f.path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(Error::io(format!("cannot create {}", parent.display())))?;
        }
        std::fs::write(&f.path, &f.contents)
            .map_err(Error::io(format!("cannot write {}", f.path.display())))?;
    }
    Ok(())
}

/// A migration's file-name part: `<slug>_<phase>[_<n>]`.
pub fn file_stem(slug: &str, m: &Migration) -> String {
    format!("{slug}_{}", m.phase_label())
}

/// The entries of `dir` as (path, file name) (none when it does not exist yet), sorted by
/// name, hidden ones left out.
pub(crate) fn entries(dir: &Path) -> Result<Vec<(PathBuf, String)>, Error> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(Error::io(format!("cannot read {}", dir.display())))? {
        let e = e.map_err(Error::io(format!("cannot read {}", dir.display())))?;
        let name = e.file_name().to_string_lossy().to_string();
        if !name.starts_with('.') {
            out.push((e.path(), name));
        }
    }
    out.sort();
    Ok(out)
}

pub(crate) fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(Error::io(format!("cannot read {}", path.display())))
}

/// A file that does not belong to `format` in its directory.
pub(crate) fn foreign(path: &Path, format: &str, expected: &str) -> Error {
    Error::Usage(format!(
        "{}: not a {format} migration (expected {expected}); is --format right?",
        path.display()
    ))
}

/// What a directory scan makes of one file of it.
pub(crate) enum Scanned {
    /// A migration, with its up part.
    Up(String),
    /// A file of the format that is not an up migration (a down file, a `.conf`).
    Skip,
    /// Not a file of the format.
    Foreign,
}

/// The migrations of a directory with a file (or more) per migration, sorted numerically
/// by version: `version_of` splits a file name into its version and the rest, `classify`
/// looks at the file (path, name, rest). A file without a version, or one `classify`
/// calls foreign, is refused.
pub(crate) fn scan_versioned(
    dir: &Path,
    format: &str,
    expected: &str,
    version_of: impl Fn(&str) -> Option<(&str, &str)>,
    classify: impl Fn(&Path, &str, &str) -> Result<Scanned, Error>,
) -> Result<Vec<Existing>, Error> {
    let mut out = Vec::new();
    for (path, name) in entries(dir)? {
        let Some((version, rest)) = version_of(&name) else {
            return Err(foreign(&path, format, expected));
        };
        match classify(&path, &name, rest)? {
            Scanned::Up(up) => out.push(Existing {
                version: version.to_string(),
                name: name.clone(),
                up: Some(up),
                path,
            }),
            Scanned::Skip => {}
            Scanned::Foreign => return Err(foreign(&path, format, expected)),
        }
    }
    out.sort_by_key(|e| e.version.parse::<u64>().unwrap_or(u64::MAX));
    Ok(out)
}

/// The digits a file name starts with and the rest after `sep`: `0001_add.sql` → (`0001`,
/// `add.sql`).
pub(crate) fn version_prefix<'a>(name: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    let digits = name.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    name[digits..]
        .strip_prefix(sep)
        .map(|rest| (&name[..digits], rest))
}

/// `text` with the lines outside `keep` (by 0-based line index) blanked, line breaks kept.
pub(crate) fn keep_lines(text: &str, keep: impl Fn(usize, &str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if keep(i, line) {
            out.push_str(line);
        } else if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// A header as `prefix`ed comment lines.
pub(crate) fn comment(lines: &[String], prefix: &str) -> String {
    lines.iter().map(|l| format!("{prefix} {l}\n")).collect()
}

/// A body's text or the error naming the migration it belongs to.
pub(crate) fn body_text(
    body: &Body,
    execution: sql::Execution,
    what: &str,
) -> Result<String, Error> {
    sql::text(body, execution).map_err(|e| Error::Usage(format!("cannot write {what}: {e}")))
}
