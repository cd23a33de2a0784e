//! `schemadiff plan --from <URL|FILE|DIR> --to <URL|FILE|DIR> [--format text|sql|json]
//! [--reverse] [--exit-code]`: the stable CLI contract other tools script against.

use super::config::Config;
use super::{FilterArgs, Outcome};
use crate::connect::ConnectOptions;
use crate::error::Error;
use crate::introspect::Filter;
use crate::resolve::{Target, catalogs};
use crate::{plan, render};
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// The current state: a database URL / connection string, a SQL file or a directory.
    #[arg(long)]
    pub from: Option<String>,
    /// The desired state: a SQL file, a directory of SQL files, or a database.
    #[arg(long)]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print the script that undoes the forward script once it has been applied.
    #[arg(long)]
    pub reverse: bool,
    /// Exit with 2 when there are changes (0 when there are none).
    #[arg(long)]
    pub exit_code: bool,
    /// A server on which to create the temporary shadow database for SQL files.
    #[arg(long, value_name = "URL")]
    pub shadow_url: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Sql,
    Json,
}

pub async fn run(args: PlanArgs) -> Result<Outcome, Error> {
    let config = Config::load(
        &std::env::current_dir().map_err(Error::io("cannot read the working directory"))?,
    )?;
    let from = args
        .from
        .or(config.from)
        .ok_or_else(|| Error::Usage("--from is required (or `from` in schemadiff.toml)".into()))?;
    let to = args
        .to
        .or(config.to)
        .ok_or_else(|| Error::Usage("--to is required (or `to` in schemadiff.toml)".into()))?;
    let shadow = args
        .shadow_url
        .or(config.shadow_url)
        .map(|s| ConnectOptions::parse(&s))
        .transpose()?;
    let filter = Filter {
        include_schemas: if args.filter.schemas.is_empty() {
            config.schemas
        } else {
            args.filter.schemas
        },
        exclude_schemas: if args.filter.exclude_schemas.is_empty() {
            config.exclude_schemas
        } else {
            args.filter.exclude_schemas
        },
    };
    let (from, to) = (Target::parse(&from)?, Target::parse(&to)?);
    let (a, b) = catalogs(&from, &to, shadow.as_ref(), &filter).await?;
    let plan = plan::plan(&a, &b)?;

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match (args.format, args.reverse) {
        (Format::Sql, false) => render::render_forward(&plan, &mut out),
        (Format::Sql, true) | (Format::Text, true) => render::render_reverse(&plan, &mut out),
        (Format::Text, false) => render::render_text(&plan, &mut out),
        (Format::Json, _) => render::render_json(&plan, &mut out),
    };
    written
        .and_then(|_| out.flush())
        .map_err(Error::io("cannot write the plan"))?;
    Ok(if args.exit_code && !plan.is_empty() {
        Outcome::Changes
    } else {
        Outcome::Success
    })
}
