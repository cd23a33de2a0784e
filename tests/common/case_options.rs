//! What a corpus case's marker files change in the loop of `converge.rs`
//! (tests/cases/README.md, "Case markers"): `options` and `one-way`, and what the server
//! must have for `min-version` and `needs`.

use super::TestDb;
use schemadiff::introspect::Filter;
use schemadiff::model::Catalog;
use std::path::Path;

/// What the case's `options` file asks for (words, one a line): `owners` plans with
/// `--owners` (the filter reads owners and the files' `OWNER TO` are loaded; `Filter` is
/// how the library takes the option, so every read of the case goes through it);
/// `empty-plan`: the first plan must be empty (as every `noop__` case's).
pub fn options(case: &Path) -> Result<(Filter, bool), String> {
    let mut filter = Filter::default();
    let name = case.file_name().unwrap_or_default().to_string_lossy();
    let mut empty = name.starts_with("noop__");
    let text = std::fs::read_to_string(case.join("options")).unwrap_or_default();
    for word in text.split_whitespace() {
        match word {
            "owners" => filter.owners = true,
            "empty-plan" => empty = true,
            other => return Err(format!("options: unknown option {other:?}")),
        }
    }
    Ok((filter, empty))
}

/// The catalog after a reverse, with the versions of `one_way` extensions put back to
/// `from`'s: the plan said they stay (nothing else is forgiven).
pub fn kept_one_way(mut back: Catalog, from: &Catalog, one_way: &[String]) -> Catalog {
    for name in one_way {
        if let (Some(b), Some(f)) = (back.extensions.get_mut(name), from.extensions.get(name)) {
            b.version = f.version.clone();
        }
    }
    back
}

/// The server's major version (asked once: every case runs on the same server).
pub fn server_major(db: &TestDb) -> Result<u32, String> {
    static MAJOR: std::sync::OnceLock<Result<u32, String>> = std::sync::OnceLock::new();
    MAJOR
        .get_or_init(|| {
            let version = db
                .psql("SHOW server_version_num")
                .map_err(|e| format!("server version: {e}"))?;
            version
                .trim()
                .parse::<u32>()
                .map(|v| v / 10000)
                .map_err(|e| format!("server version {version:?}: {e}"))
        })
        .clone()
}

/// Whether the server was built with lz4 (`--with-lz4`; asked once). The npm builds the matrix
/// runs some majors on are not, and `COMPRESSION lz4` then fails to load.
fn server_has_lz4(db: &TestDb) -> Result<bool, String> {
    static LZ4: std::sync::OnceLock<Result<bool, String>> = std::sync::OnceLock::new();
    LZ4.get_or_init(|| {
        match db.psql("SELECT set_config('default_toast_compression', 'lz4', false)") {
            Ok(_) => Ok(true),
            // The value is refused only by a server built without it.
            Err(e) if e.contains("invalid value for parameter") => Ok(false),
            Err(e) => Err(format!("asking for lz4: {e}")),
        }
    })
    .clone()
}

/// The server features a case's `needs` file names (one a line) that this server lacks.
pub fn missing_features(case: &Path, db: &TestDb) -> Result<Vec<String>, String> {
    let Ok(text) = std::fs::read_to_string(case.join("needs")) else {
        return Ok(Vec::new());
    };
    let mut missing = Vec::new();
    for feature in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let present = match feature {
            "lz4" => server_has_lz4(db)?,
            other => panic!("{}: unknown feature {other:?} in needs", case.display()),
        };
        if !present {
            missing.push(feature.to_owned());
        }
    }
    Ok(missing)
}
