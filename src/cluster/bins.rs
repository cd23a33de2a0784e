//! Finding the PostgreSQL server binaries (initdb, postgres) on this machine.
//!
//! The search order is fixed and documented so that a user can predict which
//! installation an ephemeral cluster uses: `SCHEMADIFF_PG_BIN`, `pg_config --bindir`,
//! the highest `/usr/lib/postgresql/<N>/bin` (Debian/Ubuntu keep several majors there,
//! none of them on PATH), and finally `initdb` on PATH.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::ClusterError;

/// Environment variable naming the directory that holds `initdb` and `postgres`.
pub const PG_BIN_ENV: &str = "SCHEMADIFF_PG_BIN";

/// The directory of the PostgreSQL server binaries to use, searched in the order
/// described in the module documentation.
pub fn find_bin_dir() -> Result<PathBuf, ClusterError> {
    let pg_config = || {
        let out = Command::new("pg_config").arg("--bindir").output().ok()?;
        out.status
            .success()
            .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
    };
    find_bin_dir_from(
        std::env::var_os(PG_BIN_ENV),
        pg_config,
        Path::new("/usr/lib/postgresql"),
        std::env::var_os("PATH"),
    )
}

/// The search itself, with its inputs passed in so that it is testable without
/// touching the process environment.
pub(crate) fn find_bin_dir_from(
    env_dir: Option<OsString>,
    pg_config: impl FnOnce() -> Option<PathBuf>,
    versioned_root: &Path,
    path_var: Option<OsString>,
) -> Result<PathBuf, ClusterError> {
    let mut searched = Vec::new();

    // An explicit setting is never second-guessed: if it is wrong, say so rather
    // than silently using another installation.
    if let Some(dir) = env_dir.filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        if is_server_bin_dir(&dir) {
            return Ok(dir);
        }
        return Err(ClusterError::BinariesNotFound {
            searched: format!(
                "{PG_BIN_ENV}={} (no initdb and postgres there)",
                dir.display()
            ),
        });
    }

    match pg_config() {
        Some(dir) if is_server_bin_dir(&dir) => return Ok(dir),
        Some(dir) => searched.push(format!("pg_config --bindir ({})", dir.display())),
        None => searched.push("pg_config --bindir (not found)".to_owned()),
    }

    if let Some(dir) = highest_versioned(versioned_root) {
        return Ok(dir);
    }
    searched.push(format!("{}/<N>/bin", versioned_root.display()));

    if let Some(dir) = on_path("initdb", path_var.as_deref()) {
        return Ok(dir);
    }
    searched.push("initdb on PATH".to_owned());

    Err(ClusterError::BinariesNotFound {
        searched: searched.join(", "),
    })
}

/// Whether `dir` holds both programs an ephemeral cluster needs.
fn is_server_bin_dir(dir: &Path) -> bool {
    dir.join("initdb").is_file() && dir.join("postgres").is_file()
}

/// `<root>/<N>/bin` for the numerically highest `N` (so 15 beats 9.6).
fn highest_versioned(root: &Path) -> Option<PathBuf> {
    let entries = std::fs::read_dir(root).ok()?;
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let key = version_key(&name)?;
            let bin = e.path().join("bin");
            is_server_bin_dir(&bin).then_some((key, bin))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, bin)| bin)
}

/// "15" -> [15], "9.6" -> [9, 6]; anything else is not a version directory.
fn version_key(name: &str) -> Option<Vec<u32>> {
    name.split('.').map(|p| p.parse().ok()).collect()
}

/// The real directory of `program` found on PATH. Symlinks are resolved because
/// distributions link `initdb` into /usr/bin or /usr/local/bin while `postgres`
/// stays in the versioned directory.
fn on_path(program: &str, path_var: Option<&OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path_var?).find_map(|dir| {
        let candidate = dir.join(program);
        if !candidate.is_file() {
            return None;
        }
        let real = std::fs::canonicalize(&candidate).ok()?;
        let real_dir = real.parent()?.to_path_buf();
        is_server_bin_dir(&real_dir).then_some(real_dir)
    })
}

/// A client program (`psql`, `pg_isready`): beside the server binaries if it is
/// there, else wherever PATH finds it.
pub fn find_client_program(bin_dir: Option<&Path>, program: &str) -> Option<PathBuf> {
    if let Some(p) = bin_dir.map(|d| d.join(program)).filter(|p| p.is_file()) {
        return Some(p);
    }
    let path_var = std::env::var_os("PATH")?;
    std::env::split_paths(&path_var)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A fake installation: empty files are enough, the search only checks presence.
    fn fake_bin(dir: &Path) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join("initdb"), "").unwrap();
        fs::write(dir.join("postgres"), "").unwrap();
    }

    #[test]
    fn env_var_wins_and_a_wrong_one_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let good = tmp.path().join("good");
        fake_bin(&good);
        let found = find_bin_dir_from(Some(good.clone().into()), || None, tmp.path(), None);
        assert_eq!(found.unwrap(), good);

        let bad = tmp.path().join("bad");
        let err = find_bin_dir_from(Some(bad.into()), || Some(good.clone()), tmp.path(), None)
            .unwrap_err();
        assert!(err.to_string().contains(PG_BIN_ENV), "{err}");
    }

    #[test]
    fn pg_config_dir_must_hold_initdb() {
        let tmp = tempfile::tempdir().unwrap();
        let client_only = tmp.path().join("client");
        fs::create_dir_all(&client_only).unwrap();
        let versioned = tmp.path().join("versions");
        fake_bin(&versioned.join("14/bin"));
        let found = find_bin_dir_from(None, || Some(client_only), &versioned, None).unwrap();
        assert_eq!(found, versioned.join("14/bin"));
    }

    #[test]
    fn highest_major_is_compared_numerically() {
        let tmp = tempfile::tempdir().unwrap();
        fake_bin(&tmp.path().join("9.6/bin"));
        fake_bin(&tmp.path().join("15/bin"));
        fake_bin(&tmp.path().join("10/bin"));
        // A version directory without server binaries is skipped.
        fs::create_dir_all(tmp.path().join("17/bin")).unwrap();
        fs::create_dir_all(tmp.path().join("common")).unwrap();
        let found = find_bin_dir_from(None, || None, tmp.path(), None).unwrap();
        assert_eq!(found, tmp.path().join("15/bin"));
    }

    #[test]
    fn initdb_on_path_resolves_symlinks() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real/bin");
        fake_bin(&real);
        let linked = tmp.path().join("usr-bin");
        fs::create_dir_all(&linked).unwrap();
        std::os::unix::fs::symlink(real.join("initdb"), linked.join("initdb")).unwrap();
        let path_var = std::env::join_paths([tmp.path().join("nothing"), linked]).unwrap();
        let none = tmp.path().join("no-versions");
        let found = find_bin_dir_from(None, || None, &none, Some(path_var)).unwrap();
        assert_eq!(found, fs::canonicalize(real).unwrap());
    }

    #[test]
    fn nothing_found_says_how_to_install() {
        let tmp = tempfile::tempdir().unwrap();
        let err = find_bin_dir_from(None, || None, tmp.path(), Some("".into())).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("Install PostgreSQL"), "{msg}");
        assert!(msg.contains("initdb on PATH"), "{msg}");
    }
}
