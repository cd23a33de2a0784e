//! `ConnectOptions`: one resolved connection target, built the way libpq builds it:
//! explicit parameters, then `PG*` environment variables, then libpq's defaults.

use super::error::{ConnectError, ParseError};
use super::parse::{Param, parse_conninfo};
use super::pgpass;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the server is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host {
    /// A host name or IP address, reached over TCP.
    Tcp(String),
    /// A directory holding the server's Unix socket (`.s.PGSQL.<port>`).
    Unix(PathBuf),
}

/// libpq's `sslmode`, minus `allow` (which tokio-postgres cannot do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    /// Try TLS, fall back to plain text if the server does not offer it (libpq's default).
    Prefer,
    /// Encrypt; verify the chain only if a root certificate is configured (libpq semantics).
    Require,
    /// Encrypt and check the chain against the root certificate; not the host name.
    VerifyCa,
    /// Encrypt, check the chain and that the certificate names the host.
    VerifyFull,
}

impl SslMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    fn parse(value: &str) -> Result<SslMode, ParseError> {
        Ok(match value {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            "allow" => {
                return Err(ParseError::Unsupported {
                    what: "sslmode=allow (use disable or prefer)".into(),
                });
            }
            other => {
                return Err(ParseError::InvalidValue {
                    keyword: "sslmode".into(),
                    reason: format!(
                        "{other:?} is not one of disable, prefer, require, verify-ca, verify-full"
                    ),
                });
            }
        })
    }
}

impl fmt::Display for SslMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A resolved connection target. `Display` and `Debug` never show the password.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectOptions {
    pub(super) host: Host,
    pub(super) port: u16,
    pub(super) user: String,
    pub(super) password: Option<String>,
    pub(super) dbname: String,
    pub(super) sslmode: SslMode,
    /// Given explicitly (`sslrootcert` / `PGSSLROOTCERT`): it must be usable.
    pub(super) sslrootcert: Option<PathBuf>,
    /// `~/.postgresql/root.crt`: used only if it exists, as libpq does.
    pub(super) default_rootcert: Option<PathBuf>,
    /// `None` waits forever (libpq's `connect_timeout=0`).
    pub(super) connect_timeout: Option<Duration>,
    pub(super) application_name: Option<String>,
    pub(super) options: Option<String>,
    pub(super) passfile: Option<PathBuf>,
}

/// Keywords we understand and the environment variable that supplies each when absent.
const KEYWORDS: &[(&str, Option<&str>)] = &[
    ("host", Some("PGHOST")),
    ("port", Some("PGPORT")),
    ("user", Some("PGUSER")),
    ("password", Some("PGPASSWORD")),
    ("dbname", Some("PGDATABASE")),
    ("sslmode", Some("PGSSLMODE")),
    ("sslrootcert", Some("PGSSLROOTCERT")),
    ("connect_timeout", Some("PGCONNECT_TIMEOUT")),
    ("application_name", Some("PGAPPNAME")),
    ("fallback_application_name", None),
    ("passfile", Some("PGPASSFILE")),
    ("options", Some("PGOPTIONS")),
];

/// libpq keywords that change security or routing; silently ignoring them would be wrong.
const UNSUPPORTED: &[&str] = &[
    "hostaddr",
    "sslcert",
    "sslkey",
    "sslpassword",
    "sslcrl",
    "sslcrldir",
    "sslsni",
    "sslnegotiation",
    "requiressl",
    "gssencmode",
    "krbsrvname",
    "gsslib",
    "requirepeer",
    "require_auth",
    "channel_binding",
    "service",
    "target_session_attrs",
    "load_balance_hosts",
    "replication",
];

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl ConnectOptions {
    /// Parses a `postgres://` URL or a libpq keyword string, filling the gaps from the
    /// process environment.
    pub fn parse(s: &str) -> Result<ConnectOptions, ConnectError> {
        Self::parse_with_env(s, &|name| std::env::var(name).ok())
    }

    /// Like [`ConnectOptions::parse`] with an injected environment (tests, embedding).
    /// `HOME` is read through `env` too (for `~/.pgpass` and `~/.postgresql/root.crt`).
    pub fn parse_with_env(
        s: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<ConnectOptions, ConnectError> {
        Ok(Self::from_params(parse_conninfo(s)?, env)?)
    }

    /// No connection string given: `DATABASE_URL` if set, else the `PG*` variables.
    pub fn from_env() -> Result<ConnectOptions, ConnectError> {
        Self::from_env_with(&|name| std::env::var(name).ok())
    }

    /// [`ConnectOptions::from_env`] with an injected environment.
    pub fn from_env_with(
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<ConnectOptions, ConnectError> {
        let url = env("DATABASE_URL").filter(|u| !u.trim().is_empty());
        Self::parse_with_env(url.as_deref().unwrap_or(""), env)
    }

    fn from_params(
        params: Vec<Param>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<ConnectOptions, ParseError> {
        let mut given: Vec<(&'static str, String)> = Vec::new();
        for (key, value) in params {
            match KEYWORDS.iter().find(|(k, _)| *k == key) {
                Some((k, _)) => {
                    // A later repetition wins, as in libpq.
                    given.retain(|(g, _)| g != k);
                    given.push((k, value));
                }
                None if UNSUPPORTED.contains(&key.as_str()) => {
                    return Err(ParseError::Unsupported {
                        what: format!("connection parameter {key:?}"),
                    });
                }
                None => return Err(ParseError::UnknownParameter { keyword: key }),
            }
        }
        // Empty values count as unset, like libpq.
        let get = |keyword: &str| -> Option<String> {
            let explicit = given
                .iter()
                .find(|(k, _)| *k == keyword)
                .map(|(_, v)| v.clone());
            let from_env = || {
                KEYWORDS
                    .iter()
                    .find(|(k, _)| *k == keyword)
                    .and_then(|(_, var)| var.and_then(env))
            };
            explicit
                .filter(|v| !v.is_empty())
                .or_else(|| from_env().filter(|v| !v.is_empty()))
        };
        let home = env("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);

        let host = match get("host") {
            Some(h) if h.contains(',') => {
                return Err(ParseError::Unsupported {
                    what: "multiple hosts".into(),
                });
            }
            Some(h) if h.starts_with('/') => Host::Unix(PathBuf::from(h)),
            Some(h) => Host::Tcp(h),
            None => Host::Tcp("localhost".into()),
        };
        let port = match get("port") {
            Some(p) => match p.parse::<u16>() {
                Ok(n) if n > 0 => n,
                _ => {
                    return Err(ParseError::InvalidValue {
                        keyword: "port".into(),
                        reason: format!("{p:?} is not a port number"),
                    });
                }
            },
            None => 5432,
        };
        let user = match get("user").or_else(|| os_user(env)) {
            Some(u) => u,
            None => {
                return Err(ParseError::InvalidValue {
                    keyword: "user".into(),
                    reason: "none given and the operating system user is unknown; set PGUSER"
                        .into(),
                });
            }
        };
        let dbname = get("dbname").unwrap_or_else(|| user.clone());
        let sslmode = match get("sslmode") {
            Some(m) => SslMode::parse(&m)?,
            None => SslMode::Prefer,
        };
        let sslrootcert = match get("sslrootcert") {
            Some(s) if s == "system" => {
                return Err(ParseError::Unsupported {
                    what: "sslrootcert=system (give a CA file)".into(),
                });
            }
            Some(s) => Some(PathBuf::from(s)),
            None => None,
        };
        let connect_timeout = match get("connect_timeout") {
            Some(t) => parse_timeout(&t)?,
            None => Some(DEFAULT_CONNECT_TIMEOUT),
        };
        let passfile = get("passfile")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".pgpass")));
        Ok(ConnectOptions {
            host,
            port,
            user,
            password: get("password"),
            dbname,
            sslmode,
            sslrootcert,
            default_rootcert: home.map(|h| h.join(".postgresql").join("root.crt")),
            connect_timeout,
            application_name: get("application_name").or_else(|| get("fallback_application_name")),
            options: get("options"),
            passfile,
        })
    }

    /// The libpq environment (`PGHOST`, `PGPORT`, ...) that points a client program at this
    /// target: how `generate` runs a migration runner against a shadow database.
    pub fn libpq_env(&self) -> Vec<(&'static str, String)> {
        let host = match &self.host {
            Host::Tcp(h) => h.clone(),
            Host::Unix(dir) => dir.display().to_string(),
        };
        let mut env = vec![
            ("PGHOST", host),
            ("PGPORT", self.port.to_string()),
            ("PGUSER", self.user.clone()),
            ("PGDATABASE", self.dbname.clone()),
            ("PGSSLMODE", self.sslmode.as_str().to_string()),
        ];
        if let Some(p) = &self.password {
            env.push(("PGPASSWORD", p.clone()));
        }
        env
    }

    pub fn host(&self) -> &Host {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn dbname(&self) -> &str {
        &self.dbname
    }

    pub fn sslmode(&self) -> SslMode {
        self.sslmode
    }

    /// The root certificate given explicitly, if any.
    pub fn sslrootcert(&self) -> Option<&Path> {
        self.sslrootcert.as_deref()
    }

    /// `None` means wait forever.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// The application name given by the user, if any (`connect` uses `schemadiff` otherwise).
    pub fn application_name(&self) -> Option<&str> {
        self.application_name.as_deref()
    }

    /// Whether a password was given in the string or `PGPASSWORD` (not the password file).
    pub fn has_password(&self) -> bool {
        self.password.is_some()
    }

    /// The same server and credentials, another database (e.g. the shadow database).
    pub fn with_dbname(&self, name: &str) -> ConnectOptions {
        ConnectOptions {
            dbname: name.to_string(),
            ..self.clone()
        }
    }

    /// The password to send: the given one, else the password file's, with a note saying
    /// why the password file was not used (for the error if the server then wants one).
    pub(super) fn resolve_password(&self) -> (Option<String>, String) {
        if let Some(p) = &self.password {
            return (Some(p.clone()), String::new());
        }
        let Some(passfile) = &self.passfile else {
            return (None, String::new());
        };
        let host = match &self.host {
            Host::Tcp(h) => h.clone(),
            Host::Unix(dir) => dir.to_string_lossy().into_owned(),
        };
        let wanted = pgpass::Wanted {
            host: &host,
            port: self.port,
            dbname: &self.dbname,
            user: &self.user,
        };
        match pgpass::lookup(passfile, &wanted) {
            pgpass::Lookup::Found(p) => (Some(p), String::new()),
            pgpass::Lookup::Ignored(why) => (None, format!("; {why}")),
            pgpass::Lookup::NoMatch | pgpass::Lookup::Missing => (None, String::new()),
        }
    }

    /// The tokio-postgres configuration, password (or password file entry) included.
    /// TLS is chosen separately by `connect`; a Unix socket never uses it.
    pub fn to_tokio_config(&self) -> tokio_postgres::Config {
        let mut config = tokio_postgres::Config::new();
        match &self.host {
            Host::Tcp(h) => config.host(h),
            Host::Unix(dir) => config.host_path(dir),
        };
        config.port(self.port).user(&self.user).dbname(&self.dbname);
        if let (Some(password), _) = self.resolve_password() {
            config.password(password);
        }
        config.application_name(self.application_name.as_deref().unwrap_or("schemadiff"));
        if let Some(options) = &self.options {
            config.options(options);
        }
        if let Some(timeout) = self.connect_timeout {
            config.connect_timeout(timeout);
        }
        config.ssl_mode(match (&self.host, self.sslmode) {
            (Host::Unix(_), _) | (_, SslMode::Disable) => tokio_postgres::config::SslMode::Disable,
            (_, SslMode::Prefer) => tokio_postgres::config::SslMode::Prefer,
            _ => tokio_postgres::config::SslMode::Require,
        });
        config
    }

    /// The target as a URL, password replaced by `***` (omitted when there is none).
    pub fn redacted(&self) -> String {
        let mut url = String::from("postgresql://");
        url.push_str(&encode(&self.user));
        if self.password.is_some() {
            url.push_str(":***");
        }
        url.push('@');
        match &self.host {
            Host::Tcp(h) if h.contains(':') => url.push_str(&format!("[{h}]")),
            Host::Tcp(h) => url.push_str(&encode(h)),
            Host::Unix(dir) => url.push_str(&encode(&dir.to_string_lossy())),
        }
        url.push_str(&format!(":{}/{}", self.port, encode(&self.dbname)));
        if self.sslmode != SslMode::Prefer {
            url.push_str(&format!("?sslmode={}", self.sslmode));
        }
        url
    }
}

impl fmt::Display for ConnectOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for ConnectOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectOptions")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("dbname", &self.dbname)
            .field("sslmode", &self.sslmode)
            .field("sslrootcert", &self.sslrootcert)
            .field("connect_timeout", &self.connect_timeout)
            .field("application_name", &self.application_name)
            .field("options", &self.options)
            .field("passfile", &self.passfile)
            .finish()
    }
}

/// libpq: 0 or less waits forever; positive values under 2 become 2 seconds.
fn parse_timeout(value: &str) -> Result<Option<Duration>, ParseError> {
    let secs: i64 = value.trim().parse().map_err(|_| ParseError::InvalidValue {
        keyword: "connect_timeout".into(),
        reason: format!("{value:?} is not a whole number of seconds"),
    })?;
    Ok((secs > 0).then(|| Duration::from_secs(secs.max(2) as u64)))
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The operating-system user name, libpq's default user: the passwd entry of our uid,
/// else `USER` / `LOGNAME`.
pub(super) fn os_user(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    passwd_user()
        .or_else(|| env("USER"))
        .or_else(|| env("LOGNAME"))
}

#[cfg(target_os = "linux")]
fn passwd_user() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    // /proc/self is owned by the process's effective uid; no libc call needed.
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    })
}

#[cfg(not(target_os = "linux"))]
fn passwd_user() -> Option<String> {
    None
}
