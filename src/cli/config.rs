//! `schemadiff.toml` in the working directory: defaults for `from`, `to`, `shadow_url` and
//! schema filters. Flags override it.

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
            "from = \"postgres://db/app\"\nto = \"schema\"\nshadow_url = \"postgres://db/postgres\"\nschemas = [\"app\"]\nexclude_schemas = [\"audit\"]\n",
        )
        .unwrap();
        assert_eq!(c.to.as_deref(), Some("schema"));
        assert_eq!(c.exclude_schemas, vec!["audit".to_string()]);
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
