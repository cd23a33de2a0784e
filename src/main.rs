//! The thin binary: parse arguments, call the library, map errors to exit codes.
//! This is the only place that exits: 0 success, 1 error, 2 changes (with `--exit-code`).

use clap::Parser;
use schemadiff::cli::{Cli, Outcome, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Changes) => ExitCode::from(2),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
