//! `schemadiff apply`: plan and run against one database or a fleet (`crate::apply`).
//! Progress and notes on stderr; the `--dry-run` script and a fleet's status lines on stdout.

use super::Outcome;
use super::backups::{UrlArg, ask, database, write_stdout};
use super::config::{Config, parse_duration};
use super::plan::{OwnersArg, PhaseArg, SettingsArgs, ShadowArg, filter_of};
use crate::apply::{self, Interrupt, Request, Source, Tries, gate, progress::Progress};
use crate::connect::ConnectOptions;
use crate::error::Error;
use crate::render;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  schemadiff apply --url postgres://app@staging/app --to schema/
  schemadiff plan --from postgres://app@db/app --to schema/ --format json --out plan.json
  schemadiff apply --url postgres://app@db/app --plan plan.json --phase expand --yes
  schemadiff apply --url postgres://app@db/app --plan plan.json --phase contract --yes --allow-hazard breaks-old-code
  schemadiff apply --url postgres://app@db/app --to schema/ --dry-run
  schemadiff apply --url postgres://app@db/app --to schema/ --owners --yes
  schemadiff apply --urls-file shards.txt --to schema/ --parallel 4 --keep-going --yes
  schemadiff apply --url postgres://app@db/app --resume --yes

A second apply waits --wait (default 0) for the migration lock, then refuses naming its holder.
An interrupted apply (Ctrl-C, kill, lost connection) resumes where it stopped when run again.
Dangerous hazards (deletes-data, rewrites-table, locked-scan, breaks-old-code) run only when
allowed by name (--allow-hazard CODE, `all`, or allow_hazards in schemadiff.toml).
Exit codes: 0 applied or nothing to do; 1 error, refused, not confirmed, or stopped.")]
pub struct ApplyArgs {
    /// The database: a URL or libpq connection string (repeatable: a fleet). Default: `from`
    /// in schemadiff.toml when it is a database, else DATABASE_URL / PG* variables.
    #[arg(long = "url", value_name = "URL")]
    pub urls: Vec<String>,
    /// A file of database URLs, one per line (`#` comments): a fleet.
    #[arg(long, value_name = "FILE")]
    pub urls_file: Option<PathBuf>,
    /// The desired state: SQL files, a directory, or a database.
    #[arg(long, conflicts_with = "resume")]
    pub to: Option<String>,
    /// Run this reviewed plan (saved by `plan --format json --out`) instead of planning.
    #[arg(long, value_name = "FILE", conflicts_with = "resume")]
    pub plan: Option<PathBuf>,
    /// Finish the unfinished plan of the history, as recorded (no --to needed).
    #[arg(long)]
    pub resume: bool,
    /// Give up the unfinished plan of the history, then plan afresh.
    #[arg(long)]
    pub abandon: bool,
    /// Only this phase (default: every phase not done yet, in order).
    #[arg(long, value_enum)]
    pub phase: Option<PhaseArg>,
    /// Run without asking (CI).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the script that would run and run nothing (no lock, no history).
    #[arg(long)]
    pub dry_run: bool,
    /// First verify the plan on a throwaway copy of the schema (`schemadiff verify`); run
    /// only when it passes. Needs --to.
    #[arg(long, conflicts_with = "resume")]
    pub verify: bool,
    /// Run statements with this dangerous hazard (repeatable; `all` for every hazard).
    #[arg(long = "allow-hazard", value_name = "CODE")]
    pub allow_hazards: Vec<String>,
    /// How long to wait for another apply's migration lock (`30s`; default 0).
    #[arg(long, value_name = "DURATION")]
    pub wait: Option<String>,
    /// Tries of a statement that times out waiting for a lock (default 5).
    #[arg(long, value_name = "N")]
    pub tries: Option<u32>,
    /// First pause before retrying a lock timeout; doubles each time, with jitter (default 1s).
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Databases applied at once in a fleet (default 1).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub parallel: usize,
    /// In a fleet, go on past a failing database.
    #[arg(long)]
    pub keep_going: bool,
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    pub shadow: ShadowArg,
    #[command(flatten)]
    pub owners: OwnersArg,
    #[command(flatten)]
    pub filter: super::FilterArgs,
}

pub async fn run(args: ApplyArgs) -> Result<Outcome, Error> {
    let config = Config::load(
        &std::env::current_dir().map_err(Error::io("cannot read the working directory"))?,
    )?;
    let urls = urls(&args, &config)?;
    let source = if args.resume {
        Source::Resume
    } else if let Some(path) = &args.plan {
        Source::Saved(Box::new(super::verify::read_plan(path)?))
    } else {
        let to = args.to.clone().or(config.to.clone()).ok_or_else(|| {
            Error::Usage(
                "--to (or --plan, or --resume) is required (or `to` in schemadiff.toml)".into(),
            )
        })?;
        Source::Desired(to)
    };
    let allow = gate::allowed(if args.allow_hazards.is_empty() {
        &config.allow_hazards
    } else {
        &args.allow_hazards
    })?;
    let duration = |t: &Option<String>, default: u64| -> Result<u64, Error> {
        t.as_ref()
            .map_or(Ok(default), |t| parse_duration(t).map_err(Error::Usage))
    };
    let tries = Tries {
        max: args.tries.unwrap_or(Tries::default().max).max(1),
        base_delay_ms: duration(&args.retry_delay, Tries::default().base_delay_ms)?,
    };
    let shadow = args.shadow.options(&config)?;
    let template = Request {
        url: urls[0].clone(),
        source,
        phase: args.phase.map(Into::into),
        settings: args.settings.settings(&config)?,
        filter: filter_of(&args.filter, Some(&args.owners), &config),
        shadow,
        allow,
        wait: std::time::Duration::from_millis(duration(&args.wait, 0)?),
        tries,
        dry_run: args.dry_run,
        abandon: args.abandon,
    };
    let interrupt = Interrupt::on_ctrl_c();
    if args.verify {
        let to = args.to.clone().or(config.to.clone()).ok_or_else(|| {
            Error::Usage(
                "--verify needs --to (the desired state to check the result against)".into(),
            )
        })?;
        for url in &urls {
            let req = crate::apply::verify::Request {
                url: url.clone(),
                to: to.clone(),
                plan: match &template.source {
                    Source::Saved(p) => Some(p.clone()),
                    _ => None,
                },
                settings: template.settings,
                filter: template.filter.clone(),
                shadow: template.shadow.clone(),
            };
            let report = crate::apply::verify::verify(&req, &interrupt).await?;
            for line in report.log.iter().chain(&report.failures) {
                eprintln!("verify: {line}");
            }
            for u in &report.understated {
                eprintln!("verify: lock stronger than claimed: {u}");
            }
            super::verify::check(&report).map_err(|e| {
                Error::Refused(format!("{}: {e}; nothing was applied", url.redacted()))
            })?;
        }
    }
    if urls.len() > 1 {
        return fleet(&args, urls, template, &interrupt).await;
    }
    one(&args, template, &interrupt).await
}

/// One database: prepare, show, confirm, run.
async fn one(args: &ApplyArgs, req: Request, interrupt: &Interrupt) -> Result<Outcome, Error> {
    let mut progress = Progress::new();
    let prepared = apply::prepare(&req).await?;
    if let Some(note) = prepared.note() {
        progress.say(note);
    }
    if args.dry_run {
        write_stdout(&prepared.script())?;
        if let Some(why) = prepared.refusal() {
            return Err(Error::Refused(format!("(dry run) {why}")));
        }
        eprintln!("{}", prepared.not_run(true).summary());
        return Ok(Outcome::Success);
    }
    if let Some((plan, phases)) = prepared.plan()
        && !args.yes
    {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Err(Error::Refused(
                "apply asks before it runs, and there is no terminal to ask on: pass --yes (CI) or --dry-run; nothing was run".into(),
            ));
        }
        let mut text = Vec::new();
        render::render_text(plan, phases, &mut text)
            .map_err(Error::io("cannot render the plan"))?;
        eprint!("{}", String::from_utf8_lossy(&text));
        if !ask(&format!("Apply this to {}? [y/N] ", req.url.redacted())).await? {
            return Err(Error::Refused("not confirmed; nothing was run".into()));
        }
    }
    let applied = prepared.run(req.tries, interrupt, &mut progress).await?;
    eprintln!("{}", applied.summary());
    Ok(Outcome::Success)
}

/// Many databases: a line per database on stdout, then a summary on stderr.
async fn fleet(
    args: &ApplyArgs,
    urls: Vec<ConnectOptions>,
    template: Request,
    interrupt: &Interrupt,
) -> Result<Outcome, Error> {
    if !args.yes && !args.dry_run {
        return Err(Error::Refused(format!(
            "apply to {} databases runs without asking only with --yes (or try --dry-run); nothing was run",
            urls.len()
        )));
    }
    let n = urls.len();
    let requests: Vec<Request> = urls
        .into_iter()
        .map(|url| Request {
            url,
            ..template.clone()
        })
        .collect();
    let results =
        apply::fleet::apply_all(requests, args.parallel, args.keep_going, interrupt).await;
    let failed: Vec<&apply::fleet::Result1> =
        results.iter().filter(|r| r.result.is_err()).collect();
    eprintln!(
        "{} databases: {} applied or up to date, {} failed",
        n,
        n - failed.len(),
        failed.len()
    );
    for f in &failed {
        if let Err(e) = &f.result {
            eprintln!("error: {}: {e}", f.database);
        }
    }
    if failed.is_empty() {
        Ok(Outcome::Success)
    } else {
        Err(Error::Apply(format!(
            "{} of {n} databases failed",
            failed.len()
        )))
    }
}

/// `--url` (repeatable through `--urls-file`), else the config's or the environment's.
fn urls(args: &ApplyArgs, config: &Config) -> Result<Vec<ConnectOptions>, Error> {
    let mut out = Vec::new();
    for u in &args.urls {
        out.push(ConnectOptions::parse(u)?);
    }
    if out.is_empty() && args.urls_file.is_none() {
        out.push(database(&UrlArg { url: None }, config)?);
    }
    if let Some(path) = &args.urls_file {
        let text = std::fs::read_to_string(path)
            .map_err(Error::io(format!("cannot read {}", path.display())))?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            out.push(
                ConnectOptions::parse(line)
                    .map_err(|e| Error::Usage(format!("{}:{}: {e}", path.display(), i + 1)))?,
            );
        }
        if out.is_empty() {
            return Err(Error::Usage(format!(
                "{}: no database URLs",
                path.display()
            )));
        }
    }
    Ok(out)
}
