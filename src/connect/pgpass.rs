//! The password file (`~/.pgpass` or `PGPASSFILE`), read exactly like libpq reads it.
//!
//! Lines are `hostname:port:database:username:password`; `*` matches anything in the first
//! four fields; `\:` and `\\` escape; `#` starts a comment line. The first matching line
//! wins. The file is ignored when group or others have any access, because libpq does the
//! same: a password readable by others is not one we should silently use.

use std::path::Path;

/// What looking in the password file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Lookup {
    Found(String),
    NoMatch,
    /// There is no file (the usual case: nothing to report).
    Missing,
    /// The file exists but was not used; the reason is shown if authentication then fails.
    Ignored(String),
}

/// The connection a password is wanted for, as the password file spells it.
pub(super) struct Wanted<'a> {
    pub host: &'a str,
    pub port: u16,
    pub dbname: &'a str,
    pub user: &'a str,
}

/// Default Unix socket directories: a socket there also matches the `localhost` entry,
/// as libpq does for its compiled-in socket directory (`/tmp` upstream, the other on Debian).
const DEFAULT_SOCKET_DIRS: [&str; 3] = ["/tmp", "/var/run/postgresql", "/run/postgresql"];

pub(super) fn lookup(path: &Path, wanted: &Wanted<'_>) -> Lookup {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(_) => return Lookup::Missing,
    };
    if !meta.is_file() {
        return Lookup::Ignored(format!(
            "password file \"{}\" is not a plain file",
            path.display()
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Lookup::Ignored(format!(
                "password file \"{}\" has group or world access; permissions should be u=rw (0600) or less",
                path.display()
            ));
        }
    }
    match std::fs::read(path) {
        Ok(bytes) => match find_password(&String::from_utf8_lossy(&bytes), wanted) {
            Some(password) => Lookup::Found(password),
            None => Lookup::NoMatch,
        },
        Err(e) => Lookup::Ignored(format!(
            "password file \"{}\" could not be read: {e}",
            path.display()
        )),
    }
}

/// The first line matching `wanted`, its password unescaped.
pub(super) fn find_password(contents: &str, wanted: &Wanted<'_>) -> Option<String> {
    let port = wanted.port.to_string();
    let localhost_alias = DEFAULT_SOCKET_DIRS.contains(&wanted.host);
    contents
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .find_map(|line| {
            let (host, rest) = split_field(line)?;
            let (port_field, rest) = split_field(rest)?;
            let (dbname, rest) = split_field(rest)?;
            let (user, password) = split_field(rest)?;
            let host_ok = field_matches(host, wanted.host)
                || (localhost_alias && field_matches(host, "localhost"));
            (host_ok
                && field_matches(port_field, &port)
                && field_matches(dbname, wanted.dbname)
                && field_matches(user, wanted.user))
            .then(|| unescape_password(password))
        })
}

/// Splits off one raw (still escaped) field; `None` when the line ends before its colon,
/// so a malformed line never matches.
fn split_field(s: &str) -> Option<(&str, &str)> {
    let end = field_end(s);
    (end < s.len()).then(|| (&s[..end], &s[end + 1..]))
}

fn field_matches(raw: &str, value: &str) -> bool {
    raw == "*" || unescape(raw) == value
}

/// Byte index of the first unescaped ':' (or the end).
fn field_end(s: &str) -> usize {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ':' => return i,
            _ => {}
        }
    }
    s.len()
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            } else {
                out.push(c);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The password runs to the end of the line or an unescaped ':' (libpq 13+ behaviour).
fn unescape_password(s: &str) -> String {
    unescape(&s[..field_end(s)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted<'a>(host: &'a str, port: u16, dbname: &'a str, user: &'a str) -> Wanted<'a> {
        Wanted {
            host,
            port,
            dbname,
            user,
        }
    }

    #[test]
    fn first_matching_line_wins_and_wildcards_match() {
        let file = "# comment\n\
                    db.example.com:5432:app:alice:first\n\
                    *:*:*:alice:fallback\n\
                    *:*:*:*:anyone\n";
        assert_eq!(
            find_password(file, &wanted("db.example.com", 5432, "app", "alice")).as_deref(),
            Some("first")
        );
        assert_eq!(
            find_password(file, &wanted("db.example.com", 5433, "app", "alice")).as_deref(),
            Some("fallback")
        );
        assert_eq!(
            find_password(file, &wanted("other", 1, "x", "bob")).as_deref(),
            Some("anyone")
        );
    }

    #[test]
    fn no_match_and_malformed_lines() {
        let file = "h:5432:db:u\nh:5432:db\n\nh:5432:db:v:pw\r\n";
        assert_eq!(find_password(file, &wanted("h", 5432, "db", "u")), None);
        assert_eq!(
            find_password(file, &wanted("h", 5432, "db", "v")).as_deref(),
            Some("pw")
        );
    }

    #[test]
    fn escapes_in_fields_and_password() {
        let file = r"my\:host:5432:d\\b:u:pa\:ss\\word:ignored";
        assert_eq!(
            find_password(file, &wanted("my:host", 5432, r"d\b", "u")).as_deref(),
            Some(r"pa:ss\word")
        );
        // An escaped star is a literal star, not a wildcard.
        let file = r"\*:5432:db:u:pw";
        assert_eq!(find_password(file, &wanted("h", 5432, "db", "u")), None);
        assert_eq!(
            find_password(file, &wanted("*", 5432, "db", "u")).as_deref(),
            Some("pw")
        );
    }

    #[test]
    fn default_socket_dir_matches_localhost() {
        let file = "localhost:5432:db:u:pw";
        assert_eq!(
            find_password(file, &wanted("/var/run/postgresql", 5432, "db", "u")).as_deref(),
            Some("pw")
        );
        assert_eq!(
            find_password(file, &wanted("/srv/sock", 5432, "db", "u")),
            None
        );
        let file = "/srv/sock:5432:db:u:pw2";
        assert_eq!(
            find_password(file, &wanted("/srv/sock", 5432, "db", "u")).as_deref(),
            Some("pw2")
        );
    }

    #[cfg(unix)]
    #[test]
    fn file_with_group_or_world_access_is_ignored() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:secret\n").unwrap();
        let w = wanted("h", 5432, "d", "u");

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(lookup(&path, &w), Lookup::Found("secret".into()));

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        match lookup(&path, &w) {
            Lookup::Ignored(why) => {
                assert!(why.contains("0600"), "{why}");
                assert!(!why.contains("secret"));
            }
            other => panic!("expected Ignored, got {other:?}"),
        }
        assert_eq!(lookup(&dir.path().join("absent"), &w), Lookup::Missing);
    }
}
