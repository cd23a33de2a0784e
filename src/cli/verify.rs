//! `schemadiff verify --url URL --to PATH [--plan plan.json]`: try the plan on a throwaway
//! copy of the live schema (`crate::apply::verify`). The report on stdout; exit 1 when it
//! fails.

use super::Outcome;
use super::backups::{UrlArg, database};
use super::config::Config;
use super::plan::{SettingsArgs, ShadowArg, filter_of};
use crate::apply::{Interrupt, verify};
use crate::error::Error;
use crate::render;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  schemadiff verify --url postgres://app@db/app --to schema/
  schemadiff verify --url postgres://app@db/app --to schema/ --plan plan.json
  schemadiff verify --url postgres://app@db/app --to schema/ --shadow-url postgres://ci@scratch/postgres

Copies the live schema (no data) into a temporary database, applies the plan phase by phase,
checks that the result equals --to, applies the reverse, checks that it equals the original,
and compares the locks each statement took (pg_locks) with the locks the plan claims. The
temporary database is dropped in every case. The live database is only read.
Exit codes: 0 verified; 1 a check failed, or an error.")]
pub struct VerifyArgs {
    #[command(flatten)]
    pub url: UrlArg,
    /// The desired state: SQL files, a directory, or a database.
    #[arg(long)]
    pub to: Option<String>,
    /// Verify this saved plan instead of a fresh one.
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    pub shadow: ShadowArg,
    #[command(flatten)]
    pub filter: super::FilterArgs,
}

pub async fn run(args: VerifyArgs) -> Result<Outcome, Error> {
    let config = Config::load(
        &std::env::current_dir().map_err(Error::io("cannot read the working directory"))?,
    )?;
    let to = args
        .to
        .clone()
        .or(config.to.clone())
        .ok_or_else(|| Error::Usage("--to is required (or `to` in schemadiff.toml)".into()))?;
    let plan = match &args.plan {
        Some(path) => Some(Box::new(read_plan(path)?)),
        None => None,
    };
    let req = verify::Request {
        url: database(&args.url, &config)?,
        to,
        plan,
        settings: args.settings.settings(&config)?,
        filter: filter_of(&args.filter, None, &config),
        shadow: args.shadow.options(&config)?,
    };
    let report = verify::verify(&req, &Interrupt::on_ctrl_c()).await?;
    print(&report);
    check(&report)?;
    Ok(Outcome::Success)
}

pub fn read_plan(path: &std::path::Path) -> Result<crate::plan::Plan, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(Error::io(format!("cannot read {}", path.display())))?;
    render::read_json(&text).map_err(|e| Error::Usage(format!("{}: {e}", path.display())))
}

/// The report's lines on stdout.
pub fn print(report: &verify::Report) {
    for line in &report.log {
        println!("verify: {line}");
    }
    for u in &report.understated {
        println!("verify: lock stronger than claimed: {u}");
    }
    for f in &report.failures {
        println!("verify: FAILED: {f}");
    }
}

/// An error when the report has failures.
pub fn check(report: &verify::Report) -> Result<(), Error> {
    if report.passed() {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "verify failed: {} check(s) failed, {} lock(s) stronger than claimed",
        report.failures.len(),
        report.understated.len()
    )))
}
