//! `schemadiff generate --to PATH --dir DIR --format FORMAT [--name SLUG] [--from URL|FILE|DIR]`:
//! migration files for the runner a team already uses, one per phase, up and down. Without
//! `--from` the current state is the directory itself: its migrations' up parts replayed
//! into a shadow database.

use super::config::Config;
use super::plan::{OwnersArg, SettingsArgs, ShadowArg, filter_of};
use super::{FilterArgs, Outcome};
use crate::error::Error;
use crate::generate::{self, Context, Format};
use crate::plan;
use crate::resolve::{Target, catalogs};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  schemadiff generate --to schema/ --dir db/migrations --format dbmate --name add_size
  schemadiff generate --to schema/ --dir migrations --format golang-migrate
  schemadiff generate --to schema/ --dir db/migration --format flyway
  schemadiff generate --to schema/ --dir db/migration --format flyway --owners
  schemadiff generate --to schema/ --dir . --format sqitch
  schemadiff generate --to schema/ --dir db/changelog --format liquibase
  schemadiff generate --to schema/ --dir prisma/migrations --format prisma
  schemadiff generate --to schema/ --dir alembic/versions --format alembic
  schemadiff generate --to schema/ --dir shop/migrations --format django --from postgres://app@localhost/scratch

Without --from, the directory's migrations (their up parts, in the runner's order) are
replayed into a shadow database and that is the current state; Alembic and Django
migrations are Python: their own runner migrates the shadow (when python3 has it), else
pass --from. Nothing changed: nothing is written (exit 0).")]
pub struct GenerateArgs {
    /// The desired state: a SQL file, a directory of SQL files, or a database.
    #[arg(long)]
    pub to: Option<String>,
    /// The migrations directory the runner reads (created when missing).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// The runner's file format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// The name part of new files (letters, digits, `_`; default `schemadiff`).
    #[arg(long, value_name = "SLUG", default_value = "schemadiff")]
    pub name: String,
    /// The current state instead of the directory's replay: a database, SQL file or directory.
    #[arg(long)]
    pub from: Option<String>,
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    pub shadow: ShadowArg,
    #[command(flatten)]
    pub owners: OwnersArg,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub async fn run(args: GenerateArgs) -> Result<Outcome, Error> {
    if args.name.is_empty()
        || !args
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(Error::Usage(format!(
            "--name {:?}: use letters, digits and _ (it goes into file names and identifiers)",
            args.name
        )));
    }
    let config = Config::load(
        &std::env::current_dir().map_err(Error::io("cannot read the working directory"))?,
    )?;
    let to = args
        .to
        .clone()
        .or(config.to.clone())
        .ok_or_else(|| Error::Usage("--to is required (or `to` in schemadiff.toml)".into()))?;
    let layout = args.format.layout();
    // Read (and check) the directory first: a foreign file is an error before any database.
    let existing = layout.existing(&args.dir)?;
    let from = match &args.from {
        Some(f) => Target::parse(f)?,
        // Code migrations: their own runner replays them, when it is installed.
        None if existing.iter().any(|e| e.up.is_none()) => {
            Target::Runner(generate::runner_replay::for_dir(args.format, &args.dir)?)
        }
        None => Target::Replay(generate::replay::statements(
            &existing,
            &args.format.name(),
        )?),
    };
    let shadow = args.shadow.options(&config)?;
    let settings = args.settings.settings(&config)?;
    let filter = filter_of(&args.filter, Some(&args.owners), &config);
    let to = Target::parse(&to)?;
    let (a, b, hints) = catalogs(&from, &to, shadow.as_ref(), &filter).await?;
    let plan = plan::plan_with(&a, &b, settings, &hints)?;
    let ctx = Context {
        dir: &args.dir,
        slug: &args.name,
        now: now()?,
        existing: &existing,
        to: &b,
    };
    let files = generate::files(args.format, &plan, &ctx)?;
    if files.is_empty() {
        eprintln!(
            "schemadiff: {} is up to date with the desired state; nothing written",
            args.dir.display()
        );
        return Ok(Outcome::Success);
    }
    generate::write(&files)?;
    for f in &files {
        // The written paths are the command's data.
        println!("{}", f.path.display());
    }
    let count = generate::migrations(&plan).len();
    eprintln!(
        "schemadiff: {count} migrations ({} files) written to {}",
        files.len(),
        args.dir.display()
    );
    if let Some(note) = layout.note() {
        eprintln!("note: {note}");
    }
    Ok(Outcome::Success)
}

/// The clock new versions are taken from: `SCHEMADIFF_GENERATE_NOW` (seconds since the
/// epoch, for reproducible files in tests and reviews), else the system clock.
fn now() -> Result<std::time::SystemTime, Error> {
    match std::env::var("SCHEMADIFF_GENERATE_NOW") {
        Ok(v) => {
            let secs: u64 = v.parse().map_err(|_| {
                Error::Usage(format!(
                    "SCHEMADIFF_GENERATE_NOW={v:?}: seconds since the epoch"
                ))
            })?;
            Ok(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
        }
        Err(_) => Ok(std::time::SystemTime::now()),
    }
}
