//! `schemadiff plan --from <URL|FILE|DIR> --to <URL|FILE|DIR> [--format text|sql|json|markdown]
//! [--phase P] [--reverse] [--exit-code] [--out FILE] [--deny-hazard CODE]...`, or
//! `schemadiff plan --plan plan.json` to render a saved plan: the stable CLI contract other
//! tools script against.

use super::config::{Config, parse_duration};
use super::{FilterArgs, Outcome};
use crate::connect::ConnectOptions;
use crate::error::Error;
use crate::introspect::Filter;
use crate::plan::{Hazard, Phase, Plan, Settings};
use crate::resolve::{Target, catalogs_then};
use crate::{plan, render};
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  schemadiff plan --from postgres://app@db/app --to schema/
  schemadiff plan --from postgres://app@db/app --to schema/ --format sql --phase expand | psql -X -v ON_ERROR_STOP=1
  schemadiff plan --from postgres://app@db/app --to schema/ --format json --out plan.json
  schemadiff plan --plan plan.json --format sql --reverse
  schemadiff plan --from schema-main/ --to schema/ --format markdown --deny-hazard deletes-data
  schemadiff plan --from postgres://app@db/app --to schema/ --format sql --batch-rows 1000 --batch-pause 200ms
  schemadiff plan --from postgres://app@db/app --to schema/ --owners

Hazard codes: deletes-data, rewrites-table, locked-scan, scans-table, index-build,
breaks-old-code, needs-backfill, writes-rows; `dangerous` stands for the first two, locked-scan and
breaks-old-code.")]
pub struct PlanArgs {
    /// The current state: a database URL / connection string, a SQL file or a directory.
    #[arg(long)]
    pub from: Option<String>,
    /// The desired state: a SQL file, a directory of SQL files, or a database.
    #[arg(long)]
    pub to: Option<String>,
    /// Render a plan saved with `--format json` instead of planning.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["from", "to"])]
    pub plan: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only this phase (default: all, in order).
    #[arg(long, value_enum)]
    pub phase: Option<PhaseArg>,
    /// Print the script that undoes the forward script once it has been applied.
    #[arg(long)]
    pub reverse: bool,
    /// Exit with 2 when there are changes (0 when there are none).
    #[arg(long)]
    pub exit_code: bool,
    /// Write the output to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// Fail (exit 1) when a statement has this hazard (repeatable; `dangerous` for all
    /// dangerous ones).
    #[arg(long = "deny-hazard", value_name = "CODE")]
    pub deny_hazards: Vec<String>,
    #[command(flatten)]
    pub shadow: ShadowArg,
    #[command(flatten)]
    pub owners: OwnersArg,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// The planner's settings, shared by `plan` and `apply`; flags override schemadiff.toml.
#[derive(Args, Debug, Default, Clone)]
pub struct SettingsArgs {
    /// `lock_timeout` of every statement (`2s`, `500ms`, `1min`; default 2s).
    #[arg(long, value_name = "DURATION")]
    pub lock_timeout: Option<String>,
    /// Rows per backfill batch (default 1000). Each batch is its own transaction and holds
    /// its rows' locks until it commits: smaller batches, shorter waits for writers.
    #[arg(long, value_name = "ROWS")]
    pub batch_rows: Option<u64>,
    /// Pause between backfill batches (`50ms`, `1s`; default 20ms).
    #[arg(long, value_name = "DURATION")]
    pub batch_pause: Option<String>,
    /// Drop columns and tables without keeping their data in `schemadiff_backup` (the
    /// reverse then cannot bring it back, and the drops keep the `deletes-data` hazard).
    #[arg(long)]
    pub no_backup: bool,
}

impl SettingsArgs {
    /// The settings these flags and the config give.
    pub fn settings(&self, config: &Config) -> Result<Settings, Error> {
        let mut settings = Settings::default();
        if let Some(t) = self.lock_timeout.as_ref().or(config.lock_timeout.as_ref()) {
            settings.lock_timeout_ms = parse_duration(t).map_err(Error::Usage)?;
        }
        if let Some(n) = self.batch_rows.or(config.batch_rows) {
            if n == 0 {
                return Err(Error::Usage("--batch-rows must be at least 1".into()));
            }
            settings.batch_rows = n;
        }
        if let Some(t) = self.batch_pause.as_ref().or(config.batch_pause.as_ref()) {
            settings.batch_pause_ms = parse_duration(t).map_err(Error::Usage)?;
        }
        if self.no_backup || config.backups == Some(false) {
            settings.backups = false;
        }
        Ok(settings)
    }
}

/// `--shadow-url`, shared by the commands that load desired files.
#[derive(Args, Debug, Default, Clone)]
pub struct ShadowArg {
    /// A server on which to create the temporary shadow databases for SQL files (default:
    /// the server of the database side, else an ephemeral local cluster).
    #[arg(long, value_name = "URL")]
    pub shadow_url: Option<String>,
}

impl ShadowArg {
    /// The flag, else `shadow_url` in schemadiff.toml.
    pub fn options(&self, config: &Config) -> Result<Option<ConnectOptions>, Error> {
        Ok(self
            .shadow_url
            .clone()
            .or(config.shadow_url.clone())
            .map(|s| ConnectOptions::parse(&s))
            .transpose()?)
    }
}

/// `--owners`, shared by the commands that plan (`plan`, `apply`, `generate`).
#[derive(Args, Debug, Default, Clone)]
pub struct OwnersArg {
    /// Manage owners too: read and compare the owner of every schema, type, collation,
    /// sequence, table, view, function, statistics, publication and event trigger, and apply
    /// the files' `ALTER ... OWNER TO` (an object they give none is to be owned by the user
    /// schemadiff connects as). Off (the default), owners are neither read nor changed, and
    /// `OWNER TO` in the files is ignored: roles differ between environments. Also
    /// `owners = true` in schemadiff.toml.
    #[arg(long)]
    pub owners: bool,
}

impl OwnersArg {
    /// The flag, else `owners` in schemadiff.toml.
    pub fn enabled(&self, config: &Config) -> bool {
        self.owners || config.owners == Some(true)
    }
}

/// The schema filter these flags and the config give, with owners read when `owners` says
/// (`None`: a command without `--owners`).
pub fn filter_of(args: &FilterArgs, owners: Option<&OwnersArg>, config: &Config) -> Filter {
    Filter {
        owners: owners.is_some_and(|o| o.enabled(config)),
        include_schemas: if args.schemas.is_empty() {
            config.schemas.clone()
        } else {
            args.schemas.clone()
        },
        exclude_schemas: if args.exclude_schemas.is_empty() {
            config.exclude_schemas.clone()
        } else {
            args.exclude_schemas.clone()
        },
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Sql,
    Json,
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PhaseArg {
    Expand,
    Backfill,
    Contract,
}

impl From<PhaseArg> for Phase {
    fn from(p: PhaseArg) -> Phase {
        match p {
            PhaseArg::Expand => Phase::Expand,
            PhaseArg::Backfill => Phase::Backfill,
            PhaseArg::Contract => Phase::Contract,
        }
    }
}

pub async fn run(args: PlanArgs) -> Result<Outcome, Error> {
    let config = Config::load(
        &std::env::current_dir().map_err(Error::io("cannot read the working directory"))?,
    )?;
    let deny = denied_hazards(if args.deny_hazards.is_empty() {
        &config.deny_hazards
    } else {
        &args.deny_hazards
    })?;
    let plan = match &args.plan {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(Error::io(format!("cannot read {}", path.display())))?;
            render::read_json(&text)
                .map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?
        }
        None => make_plan(&args, config).await?,
    };
    let phases: Vec<Phase> = match args.phase {
        Some(p) => vec![p.into()],
        None => Phase::ALL.to_vec(),
    };

    let _t = crate::timing::stage("render");
    let mut buffer = Vec::new();
    let out = &mut buffer;
    let written = match (args.format, args.reverse) {
        (Format::Sql, false) => render::render_forward(&plan, &phases, out),
        (Format::Sql, true) | (Format::Text, true) | (Format::Markdown, true) => {
            render::render_reverse(&plan, &phases, out)
        }
        (Format::Text, false) => render::render_text(&plan, &phases, out),
        (Format::Markdown, false) => render::render_markdown(&plan, &phases, out),
        (Format::Json, _) => render::render_json(&only(&plan, &phases), out),
    };
    written.map_err(Error::io("cannot render the plan"))?;
    match &args.out {
        Some(path) => std::fs::write(path, &buffer)
            .map_err(Error::io(format!("cannot write {}", path.display())))?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(&buffer)
                .and_then(|_| lock.flush())
                .map_err(Error::io("cannot write the plan"))?;
        }
    }
    refuse_denied(&plan, &phases, &deny)?;
    Ok(if args.exit_code && !plan.is_empty() {
        Outcome::Changes
    } else {
        Outcome::Success
    })
}

async fn make_plan(args: &PlanArgs, config: Config) -> Result<Plan, Error> {
    let from =
        args.from.clone().or(config.from.clone()).ok_or_else(|| {
            Error::Usage("--from is required (or `from` in schemadiff.toml)".into())
        })?;
    let to = args
        .to
        .clone()
        .or(config.to.clone())
        .ok_or_else(|| Error::Usage("--to is required (or `to` in schemadiff.toml)".into()))?;
    let shadow = args.shadow.options(&config)?;
    let settings = args.settings.settings(&config)?;
    let filter = filter_of(&args.filter, Some(&args.owners), &config);
    let (from, to) = (Target::parse(&from)?, Target::parse(&to)?);
    let json = args.format == Format::Json;
    let planned = catalogs_then(&from, &to, shadow.as_ref(), &filter, move |a, b, hints| {
        let _t = crate::timing::stage("plan");
        let plan = plan::plan_with(&a, &b, settings, &hints).map(|mut plan| {
            if json {
                // A saved plan names what changed under it when `apply --plan` finds it stale.
                plan.from_digests = plan::digests(&a);
            }
            plan
        });
        // The process ends once the plan is rendered: freeing two large catalogs piece by
        // piece would only delay that (0.3-0.5 s at 10,000 tables), so they are left to exit.
        std::mem::forget((a, b, hints));
        plan
    });
    let mut plan = planned.await??;
    if let Target::Database(opts) = &from {
        let _t = crate::timing::stage("table sizes");
        crate::resolve::add_stats(&mut plan, opts).await?;
    }
    Ok(plan)
}

/// The plan with the steps of the other phases left out (`--phase` with `--format json`).
fn only(plan: &Plan, phases: &[Phase]) -> Plan {
    let mut p = plan.clone();
    for ph in &mut p.phases {
        if !phases.contains(&ph.phase) {
            ph.steps.clear();
        }
    }
    p
}

/// The hazard codes named by `--deny-hazard` / `deny_hazards`.
fn denied_hazards(codes: &[String]) -> Result<Vec<Hazard>, Error> {
    Hazard::parse_codes(codes, "dangerous", Hazard::dangerous).map_err(Error::Usage)
}

/// The hazard gate: every forward statement with a denied hazard, named, and exit 1.
fn refuse_denied(plan: &Plan, phases: &[Phase], deny: &[Hazard]) -> Result<(), Error> {
    let mut offending = Vec::new();
    for &phase in phases {
        for step in plan.phase(phase) {
            for s in &step.forward {
                let hit: Vec<&str> = s
                    .hazards
                    .iter()
                    .filter(|h| deny.contains(h))
                    .map(|h| h.code())
                    .collect();
                if !hit.is_empty() {
                    offending.push(format!(
                        "  {} ({phase}): {}: {}",
                        step.title(),
                        hit.join(", "),
                        s.sql.lines().next().unwrap_or_default()
                    ));
                }
            }
        }
    }
    if offending.is_empty() {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "{} statements have a denied hazard:\n{}",
        offending.len(),
        offending.join("\n")
    )))
}

#[cfg(test)]
mod tests {
    /// The help's list of hazard codes is `Hazard::ALL`, in that order.
    #[test]
    fn help_lists_every_hazard() {
        let source = include_str!("plan.rs");
        let start = source
            .find("Hazard codes: ")
            .expect("the help lists hazard codes");
        let list = &source[start + "Hazard codes: ".len()..];
        let list: String = list[..list.find(';').unwrap()].split_whitespace().collect();
        let expected: Vec<&str> = crate::plan::Hazard::ALL.iter().map(|h| h.code()).collect();
        assert_eq!(list, expected.join(","));
    }
}
