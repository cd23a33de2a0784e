//! `schemadiff backups list|purge`: the backups of dropped columns and tables that plans keep
//! in `schemadiff_backup`, as registered in `schemadiff.backups` (`crate::bookkeeping`).
//! Data goes to stdout, notes and the summary to stderr.

use super::Outcome;
use super::config::{Config, parse_duration};
use crate::bookkeeping::{self, Backup, Purged};
use crate::connect::{ConnectOptions, connect};
use crate::error::Error;
use crate::resolve::{Target, db_message};
use clap::{Args, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  schemadiff backups list --url postgres://app@db/app
  schemadiff backups list --url postgres://app@db/app --format json
  schemadiff backups purge --url postgres://app@db/app --older-than 30d --dry-run
  schemadiff backups purge --url postgres://app@db/app --older-than 2w --yes

Exit codes: 0 success (also when there are no backups); 1 error, a purge that was not
confirmed, or a backup that could not be dropped.")]
pub struct BackupsArgs {
    #[command(subcommand)]
    pub command: BackupsCommand,
}

#[derive(Subcommand, Debug)]
pub enum BackupsCommand {
    /// List the registered backups: backup, kind, source, plan, created_at, size.
    #[command(after_help = "Examples:
  schemadiff backups list --url postgres://app@db/app
  schemadiff backups list --format json | jq -r '.backups[].backup'

No registry (no backup was ever made) prints nothing and \"no backups\" on stderr; exit 0.")]
    List(ListArgs),
    /// Drop backup tables and their registry rows (all, or those older than a duration).
    #[command(after_help = "Examples:
  schemadiff backups purge --url postgres://app@db/app --older-than 30d --dry-run
  schemadiff backups purge --url postgres://app@db/app --older-than 30d
  schemadiff backups purge --url postgres://app@db/app --older-than 12h --yes

Each backup is dropped in its own transaction under lock_timeout; a backup still in use
fails alone and the others go on. On a terminal, asks before dropping; elsewhere (CI,
pipes) refuses without --yes and changes nothing.
Durations: 500ms, 2s, 1min, 1h, 30d, 2w.
Exit codes: 0 purged (or nothing to purge); 1 error, not confirmed, or a backup not dropped.")]
    Purge(PurgeArgs),
}

/// The database whose backups are meant.
#[derive(Args, Debug)]
pub struct UrlArg {
    /// The database: a URL or libpq connection string (default: `from` in schemadiff.toml
    /// when it is a database, else DATABASE_URL / PG* variables).
    #[arg(long)]
    pub url: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub url: UrlArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct PurgeArgs {
    #[command(flatten)]
    pub url: UrlArg,
    /// Only backups created longer ago than this (`30d`, `2w`, `12h`; default: all).
    #[arg(long, value_name = "DURATION")]
    pub older_than: Option<String>,
    /// Print what would be dropped and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation (needed when not on a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// `lock_timeout` of each drop (`2s`, `500ms`; default `lock_timeout` in schemadiff.toml,
    /// else 2s).
    #[arg(long, value_name = "DURATION")]
    pub lock_timeout: Option<String>,
}

pub async fn run(args: BackupsArgs) -> Result<Outcome, Error> {
    let config = Config::load(
        &std::env::current_dir().map_err(Error::io("cannot read the working directory"))?,
    )?;
    match args.command {
        BackupsCommand::List(a) => list(a, &config).await,
        BackupsCommand::Purge(a) => purge(a, &config).await,
    }
}

/// `--url`; else `from` in schemadiff.toml when it names a database (it may name files);
/// else `DATABASE_URL` / `PG*`.
pub(super) fn database(url: &UrlArg, config: &Config) -> Result<ConnectOptions, Error> {
    if let Some(u) = &url.url {
        return Ok(ConnectOptions::parse(u)?);
    }
    if let Some(from) = &config.from
        && let Ok(Target::Database(opts)) = Target::parse(from)
    {
        return Ok(*opts);
    }
    Ok(ConnectOptions::from_env()?)
}

fn registry_error(e: tokio_postgres::Error) -> Error {
    Error::Usage(format!(
        "cannot read {}: {}",
        bookkeeping::BACKUPS_TABLE,
        db_message(&e)
    ))
}

async fn list(args: ListArgs, config: &Config) -> Result<Outcome, Error> {
    let opts = database(&args.url, config)?;
    let client = connect(&opts).await?;
    let backups = bookkeeping::backups(&client, None)
        .await
        .map_err(registry_error)?
        .unwrap_or_default();
    let mut out = Vec::new();
    match args.format {
        ListFormat::Text => write_table(&backups, &mut out),
        ListFormat::Json => {
            // Always a document, so that scripts can parse an empty list too.
            #[derive(serde::Serialize)]
            struct Doc<'a> {
                backups: &'a [Backup],
            }
            serde_json::to_writer_pretty(&mut out, &Doc { backups: &backups })
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
    }
    .map_err(Error::io("cannot render the backups"))?;
    write_stdout(&out)?;
    if backups.is_empty() {
        eprintln!("no backups");
    }
    Ok(Outcome::Success)
}

/// One line per backup under a header, in aligned columns.
fn write_table(backups: &[Backup], out: &mut impl Write) -> std::io::Result<()> {
    if backups.is_empty() {
        return Ok(());
    }
    let mut rows = vec![[
        "backup".to_string(),
        "kind".to_string(),
        "source".to_string(),
        "plan".to_string(),
        "created_at".to_string(),
        "size".to_string(),
    ]];
    rows.extend(backups.iter().map(|b| {
        [
            b.backup.clone(),
            b.kind.clone(),
            b.source(),
            b.plan.clone(),
            b.created_at.clone(),
            size(b),
        ]
    }));
    let mut widths = [0; 6];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in &rows {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}  "));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `16 kB`, or `missing` when the table is gone.
fn size(b: &Backup) -> String {
    match b.size_bytes {
        Some(n) => crate::render::bytes(n),
        None => "missing".to_string(),
    }
}

pub(super) fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(bytes)
        .and_then(|_| lock.flush())
        .map_err(Error::io("cannot write to standard output"))
}

/// `schemadiff_backup.x (column public.users.legacy, plan 3f2a9c1, 2026-...Z, 16 kB)`
fn describe(b: &Backup) -> String {
    format!(
        "{} ({} {}, plan {}, {}, {})",
        b.table(),
        b.kind,
        b.source(),
        b.plan,
        b.created_at,
        size(b)
    )
}

fn total(backups: &[Backup]) -> String {
    crate::render::bytes(backups.iter().filter_map(|b| b.size_bytes).sum())
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 backup".to_string()
    } else {
        format!("{n} backups")
    }
}

async fn purge(args: PurgeArgs, config: &Config) -> Result<Outcome, Error> {
    let older_than = args
        .older_than
        .as_deref()
        .map(parse_duration)
        .transpose()
        .map_err(|e| Error::Usage(format!("--older-than: {e}")))?;
    let lock_timeout_ms = match args.lock_timeout.as_ref().or(config.lock_timeout.as_ref()) {
        Some(t) => parse_duration(t).map_err(Error::Usage)?,
        None => crate::plan::Settings::default().lock_timeout_ms,
    };
    let opts = database(&args.url, config)?;
    let mut client = connect(&opts).await?;
    let candidates = bookkeeping::backups(&client, older_than)
        .await
        .map_err(registry_error)?
        .unwrap_or_default();
    if candidates.is_empty() {
        match &args.older_than {
            Some(d) => eprintln!("no backups older than {d}"),
            None => eprintln!("no backups"),
        }
        return Ok(Outcome::Success);
    }
    let what = format!("{} ({})", count(candidates.len()), total(&candidates));
    if args.dry_run {
        let mut out = String::new();
        for b in &candidates {
            out.push_str(&format!("would drop {}\n", describe(b)));
        }
        write_stdout(out.as_bytes())?;
        eprintln!("dry run: {what} would be purged; nothing was changed");
        return Ok(Outcome::Success);
    }
    if !args.yes {
        for b in &candidates {
            eprintln!("  {}", describe(b));
        }
        if !std::io::stdin().is_terminal() {
            return Err(Error::Refused(format!(
                "refusing to purge {what} without confirmation: standard input is not a terminal; pass --yes (nothing was changed)"
            )));
        }
        if !ask(&format!("Drop {what}? [y/N] ")).await? {
            return Err(Error::Refused(
                "not confirmed; nothing was changed".to_string(),
            ));
        }
    }
    let mut failed = Vec::new();
    let mut purged = Vec::new();
    for b in &candidates {
        match bookkeeping::purge(&mut client, &b.backup, lock_timeout_ms).await {
            Ok(Purged::Dropped) => {
                write_stdout(format!("dropped {}\n", describe(b)).as_bytes())?;
                purged.push(b.clone());
            }
            Ok(Purged::TableMissing) => eprintln!(
                "note: {} was already gone; removed its registry row ({} {}, plan {})",
                b.table(),
                b.kind,
                b.source(),
                b.plan
            ),
            Ok(Purged::Unregistered) => eprintln!(
                "note: {} was no longer registered (purged meanwhile); left alone",
                b.table()
            ),
            Err(e) => {
                eprintln!("error: cannot purge {}: {}", b.table(), db_message(&e));
                failed.push(b.backup.clone());
            }
        }
    }
    eprintln!("purged {} ({})", count(purged.len()), total(&purged));
    if !failed.is_empty() {
        return Err(Error::Refused(format!(
            "{} of {} could not be purged: {}",
            count(failed.len()),
            candidates.len(),
            failed.join(", ")
        )));
    }
    Ok(Outcome::Success)
}

/// Ask on stderr, read the answer from the terminal.
pub(super) async fn ask(prompt: &str) -> Result<bool, Error> {
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let answer = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    })
    .await
    .map_err(|e| Error::Usage(format!("cannot read the answer: {e}")))?
    .map_err(Error::io("cannot read the answer"))?;
    Ok(confirmed(&answer))
}

/// `y` or `yes`, in any case; anything else (an empty line too) is no.
fn confirmed(answer: &str) -> bool {
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backup(name: &str, column: Option<&str>, size: Option<i64>) -> Backup {
        Backup {
            backup: name.into(),
            kind: if column.is_some() { "column" } else { "table" }.into(),
            source_schema: "public".into(),
            source_table: "users".into(),
            source_column: column.map(Into::into),
            key_columns: vec!["id".into()],
            plan: "3f2a9c1".into(),
            created_at: "2026-12-01T12:00:00Z".into(),
            size_bytes: size,
        }
    }

    #[test]
    fn answers() {
        for yes in ["y\n", "Y\n", "yes\n", " YES \n"] {
            assert!(confirmed(yes), "{yes:?}");
        }
        for no in ["\n", "", "n\n", "no\n", "yep\n", "sure\n"] {
            assert!(!confirmed(no), "{no:?}");
        }
    }

    #[test]
    fn table_is_aligned_under_a_header_and_empty_prints_nothing() {
        let mut out = Vec::new();
        write_table(&[], &mut out).unwrap();
        assert!(out.is_empty());
        write_table(
            &[
                backup("users_legacy_1", Some("legacy"), Some(16384)),
                backup("users_1", None, None),
            ],
            &mut out,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\
backup          kind    source               plan     created_at            size
users_legacy_1  column  public.users.legacy  3f2a9c1  2026-12-01T12:00:00Z  16 kB
users_1         table   public.users         3f2a9c1  2026-12-01T12:00:00Z  missing
"
        );
    }

    #[test]
    fn descriptions_and_totals() {
        let b = [
            backup("users_legacy_1", Some("legacy"), Some(16384)),
            backup("users_1", None, None),
        ];
        assert_eq!(
            describe(&b[0]),
            "schemadiff_backup.users_legacy_1 (column public.users.legacy, plan 3f2a9c1, 2026-12-01T12:00:00Z, 16 kB)"
        );
        assert_eq!(total(&b), "16 kB");
        assert_eq!(count(1), "1 backup");
        assert_eq!(count(2), "2 backups");
    }
}
