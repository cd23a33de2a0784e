//! `schemadiff.toml` in the working directory: defaults for `from`, `to`, `shadow_url`,
//! schema filters and `owners`. Flags override it.

use crate::error::Error;
use serde::Deserialize;
use std::path::Path;

pub const FILE_NAME: &str = "schemadiff.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub from: Option<String>,
    pub to: Option<String>,
    pub shadow_url: Option<String>,
    #[serde(default)]
    pub schemas: Vec<String>,
    #[serde(default)]
    pub exclude_schemas: Vec<String>,
    /// `lock_timeout` of every statement (`2s`, `500ms`, `1min`).
    pub lock_timeout: Option<String>,
    /// Hazard codes `plan` fails on (`--deny-hazard`).
    #[serde(default)]
    pub deny_hazards: Vec<String>,
    /// Rows per backfill batch (`--batch-rows`).
    pub batch_rows: Option<u64>,
    /// Pause between backfill batches (`--batch-pause`).
    pub batch_pause: Option<String>,
    /// `false`: drop without keeping the data (`--no-backup`).
    pub backups: Option<bool>,
    /// Dangerous hazards `apply` runs (`--allow-hazard`).
    #[serde(default)]
    pub allow_hazards: Vec<String>,
    /// `true`: manage owners (`--owners` of plan, apply and generate).
    pub owners: Option<bool>,
}

/// A duration as people write it: `500ms`, `2s`, `1min` (or `1m`), `1h`, `30d`, `2w`; a bare
/// number is milliseconds, as PostgreSQL reads `lock_timeout`. In milliseconds.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let bad = || format!("{text:?} is not a duration (like 500ms, 2s, 1min, 1h, 30d, 2w)");
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: u64 = number.parse().map_err(|_| bad())?;
    let factor: u64 = match unit.trim() {
        "" | "ms" => 1,
        "s" => 1_000,
        "m" | "min" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "w" => 604_800_000,
        _ => return Err(bad()),
    };
    n.checked_mul(factor).ok_or_else(bad)
}

impl Config {
    /// The config in `dir`, or the defaults when there is none.
    pub fn load(dir: &Path) -> Result<Config, Error> {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()))(e)),
        };
        toml::from_str(&text)
            .map_err(|e| Error::Usage(format!("{}: {}", path.display(), e.message())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let c: Config = toml::from_str(
            "from = \"postgres://db/app\"\nto = \"schema\"\nshadow_url = \"postgres://db/postgres\"\nlock_timeout = \"3s\"\ndeny_hazards = [\"deletes-data\"]\nbatch_rows = 1000\nbatch_pause = \"200ms\"\nbackups = false\nallow_hazards = [\"breaks-old-code\"]\nschemas = [\"app\"]\nexclude_schemas = [\"audit\"]\nowners = true\n",
        )
        .unwrap();
        assert_eq!(c.to.as_deref(), Some("schema"));
        assert_eq!(c.exclude_schemas, vec!["audit".to_string()]);
        assert_eq!(c.lock_timeout.as_deref(), Some("3s"));
        assert_eq!(c.deny_hazards, vec!["deletes-data".to_string()]);
        assert_eq!(c.batch_rows, Some(1000));
        assert_eq!(c.batch_pause.as_deref(), Some("200ms"));
        assert_eq!(c.backups, Some(false));
        assert_eq!(c.allow_hazards, vec!["breaks-old-code".to_string()]);
        assert_eq!(c.owners, Some(true));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2s"), Ok(2_000));
        assert_eq!(parse_duration("500ms"), Ok(500));
        assert_eq!(parse_duration("1min"), Ok(60_000));
        assert_eq!(parse_duration("750"), Ok(750));
        assert_eq!(parse_duration("1h"), Ok(3_600_000));
        assert_eq!(parse_duration("30d"), Ok(30 * 86_400_000));
        assert_eq!(parse_duration("2w"), Ok(14 * 86_400_000));
        assert!(parse_duration("99999999999999999d").is_err());
        assert!(parse_duration("d").is_err());
        assert!(parse_duration("two seconds").is_err());
        assert!(parse_duration("2 fortnights").is_err());
    }

    #[test]
    fn unknown_keys_are_an_error() {
        assert!(toml::from_str::<Config>("form = \"x\"").is_err());
    }

    #[test]
    fn missing_file_is_the_default() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Config::load(dir.path()).unwrap().from.is_none());
    }
}
