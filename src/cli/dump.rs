//! `schemadiff dump --url URL [--schema S]... [--split DIR]`: the live schema as
//! desired-state SQL that plans to nothing. How a team adopts schemadiff.

use super::{FilterArgs, Outcome};
use crate::connect::{ConnectOptions, connect};
use crate::error::Error;
use crate::introspect::{Filter, introspect};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct DumpArgs {
    /// The database: a URL or libpq connection string (default: DATABASE_URL / PG* variables).
    #[arg(long)]
    pub url: Option<String>,
    /// Write one file per object kind into this directory instead of one script to stdout.
    #[arg(long, value_name = "DIR")]
    pub split: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub async fn run(args: DumpArgs) -> Result<Outcome, Error> {
    let opts = match &args.url {
        Some(u) => ConnectOptions::parse(u)?,
        None => ConnectOptions::from_env()?,
    };
    let client = connect(&opts).await?;
    let filter = Filter {
        include_schemas: args.filter.schemas,
        exclude_schemas: args.filter.exclude_schemas,
        // The dump writes no `OWNER TO` (owners are opt-in for plans only).
        owners: false,
    };
    let catalog = introspect(&client, &filter).await?;
    let statements = crate::dump::dump(&catalog)?;
    match &args.split {
        Some(dir) => {
            crate::dump::write_split(&statements, dir)
                .map_err(Error::io(format!("cannot write {}", dir.display())))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            crate::dump::render_dump(&statements, &mut out)
                .and_then(|_| out.flush())
                .map_err(Error::io("cannot write the dump"))?;
        }
    }
    Ok(Outcome::Success)
}
