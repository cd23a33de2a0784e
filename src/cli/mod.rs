//! The command line: clap definitions, and one file per command. Commands return an exit
//! status or an error; only `main` exits.

mod apply;
mod backups;
mod config;
mod dump;
mod generate;
mod history;
mod plan;
mod verify;

use crate::error::Error;
use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "schemadiff",
    version,
    about = "Declarative schema diff and safe migrations for PostgreSQL",
    after_help = "Examples:
  schemadiff plan --from postgres://app@db/app --to schema/
  schemadiff plan --from postgres://app@db/app --to schema/ --format sql --phase expand
  schemadiff apply --url postgres://app@db/app --to schema/ --phase expand
  schemadiff verify --url postgres://app@db/app --to schema/
  schemadiff history --url postgres://app@db/app
  schemadiff dump --url postgres://app@db/app --split schema/
  schemadiff generate --to schema/ --dir db/migrations --format dbmate --name add_size
  schemadiff backups list --url postgres://app@db/app
  schemadiff backups purge --url postgres://app@db/app --older-than 30d
  schemadiff completions bash > /etc/bash_completion.d/schemadiff

Exit codes: 0 success; 1 error (bad input, connection, refused plan or apply, an apply that
stopped, unconfirmed apply or purge);
2 changes (plan --exit-code).
Colors only on a terminal, never with NO_COLOR."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Plan the migration from one schema to another (databases or SQL files).
    Plan(plan::PlanArgs),
    /// Apply the desired state to a database (or a fleet): locked, gated, resumable, recorded.
    Apply(apply::ApplyArgs),
    /// Print what apply has run on a database (schemadiff.migrations).
    History(history::HistoryArgs),
    /// Try a plan on a throwaway copy of the live schema: result, reverse, real locks.
    Verify(verify::VerifyArgs),
    /// Write the migration as files for a migration runner (Flyway, goose, dbmate, ...).
    Generate(generate::GenerateArgs),
    /// Print a live database's schema as desired-state SQL.
    Dump(dump::DumpArgs),
    /// List or purge the backups of dropped columns and tables (schema schemadiff_backup).
    Backups(backups::BackupsArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Schema filters shared by the commands.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct FilterArgs {
    /// Only this schema (repeatable).
    #[arg(long = "schema", value_name = "SCHEMA")]
    pub schemas: Vec<String>,
    /// Leave this schema out (repeatable).
    #[arg(long = "exclude-schema", value_name = "SCHEMA")]
    pub exclude_schemas: Vec<String>,
}

/// What a command ends with, for `main` to turn into an exit code.
pub enum Outcome {
    Success,
    /// `--exit-code` and the plan has changes.
    Changes,
}

pub fn run(cli: Cli) -> Result<Outcome, Error> {
    if let Command::Completions { shell } = cli.command {
        use clap::CommandFactory;
        use std::io::Write;
        // Into a buffer first: a closed pipe (`| head`) is an error to report, not a panic.
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "schemadiff", &mut script);
        std::io::stdout()
            .write_all(&script)
            .map_err(Error::io("cannot write the completion script"))?;
        return Ok(Outcome::Success);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(Error::io("cannot start the async runtime"))?;
    runtime.block_on(async {
        match cli.command {
            Command::Plan(args) => plan::run(args).await,
            Command::Generate(args) => generate::run(args).await,
            Command::Dump(args) => dump::run(args).await,
            Command::Apply(args) => apply::run(args).await,
            Command::History(args) => history::run(args).await,
            Command::Verify(args) => verify::run(args).await,
            Command::Backups(args) => backups::run(args).await,
            Command::Completions { .. } => unreachable!("handled before the runtime starts"),
        }
    })
}
