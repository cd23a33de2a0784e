//! `schemadiff history --url URL [--statements ID] [--format text|json]`: what apply has run
//! on a database, from `schemadiff.migrations` (`crate::apply::history`).

use super::Outcome;
use super::backups::{ListFormat, UrlArg, database};
use super::config::Config;
use crate::apply::history;
use crate::connect::connect;
use crate::error::Error;
use clap::Args;
use std::io::Write;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  schemadiff history --url postgres://app@db/app
  schemadiff history --url postgres://app@db/app --statements 12
  schemadiff history --url postgres://app@db/app --format json | jq '.migrations[-1].status'

A database apply never ran on prints nothing and \"no history\" on stderr; exit 0.")]
pub struct HistoryArgs {
    #[command(flatten)]
    pub url: UrlArg,
    /// The statements of one phase run (its id, the first column).
    #[arg(long, value_name = "ID")]
    pub statements: Option<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

pub async fn run(args: HistoryArgs) -> Result<Outcome, Error> {
    let config = Config::load(
        &std::env::current_dir().map_err(Error::io("cannot read the working directory"))?,
    )?;
    let opts = database(&args.url, &config)?;
    let client = connect(&opts).await?;
    let read = |e: tokio_postgres::Error| {
        Error::Usage(format!(
            "cannot read the history of {}: {}",
            opts.redacted(),
            crate::resolve::db_message(&e)
        ))
    };
    if !history::exists(&client).await.map_err(read)? {
        eprintln!("no history: apply has not run on {}", opts.redacted());
        return Ok(Outcome::Success);
    }
    let mut out = Vec::new();
    match args.statements {
        Some(id) => {
            let rows = history::statements(&client, id).await.map_err(read)?;
            if rows.is_empty() {
                return Err(Error::Usage(format!("no phase run with id {id}")));
            }
            match args.format {
                ListFormat::Json => {
                    serde_json::to_writer_pretty(
                        &mut out,
                        &serde_json::json!({ "statements": rows }),
                    )
                    .expect("rows serialize");
                    out.push(b'\n');
                }
                ListFormat::Text => {
                    writeln!(
                        out,
                        "{:>5}  {:<8}  {:>9}  {:>7}  {:<12}  step",
                        "index", "status", "duration", "retries", "sql_sha256"
                    )
                    .expect("writing to a Vec");
                    for r in &rows {
                        writeln!(
                            out,
                            "{:>5}  {:<8}  {:>9}  {:>7}  {:<12}  {}{}",
                            r.index,
                            r.status,
                            r.duration_ms.map_or("-".to_string(), |d| format!("{d} ms")),
                            r.retries,
                            &r.sql_sha256[..12],
                            r.step,
                            r.error
                                .as_ref()
                                .map(|e| format!("\n       error: {e}"))
                                .unwrap_or_default()
                        )
                        .expect("writing to a Vec");
                    }
                }
            }
        }
        None => {
            let rows = history::migrations(&client).await.map_err(read)?;
            match args.format {
                ListFormat::Json => {
                    serde_json::to_writer_pretty(
                        &mut out,
                        &serde_json::json!({ "migrations": rows }),
                    )
                    .expect("rows serialize");
                    out.push(b'\n');
                }
                ListFormat::Text => {
                    writeln!(
                        out,
                        "{:>4}  {:<16}  {:<8}  {:<11}  {:<20}  {:>10}  {:>9}  who",
                        "id", "plan", "phase", "status", "started", "statements", "duration"
                    )
                    .expect("writing to a Vec");
                    for r in &rows {
                        writeln!(
                            out,
                            "{:>4}  {:<16}  {:<8}  {:<11}  {:<20}  {:>10}  {:>9}  {}{}{}",
                            r.id,
                            r.plan_id,
                            r.phase,
                            r.status,
                            r.started_at,
                            format!("{}/{}", r.statements_done, r.statements),
                            r.duration_ms
                                .map_or("-".to_string(), |d| format!("{:.1} s", d as f64 / 1000.0)),
                            r.db_user,
                            r.os_user
                                .as_ref()
                                .map(|u| format!(" ({u}@{})", r.host.as_deref().unwrap_or("?")))
                                .unwrap_or_default(),
                            r.error
                                .as_ref()
                                .map(|e| format!("\n      error: {e}"))
                                .unwrap_or_default()
                        )
                        .expect("writing to a Vec");
                    }
                }
            }
        }
    }
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(&out)
        .and_then(|_| lock.flush())
        .map_err(Error::io("cannot write the history"))?;
    Ok(Outcome::Success)
}
