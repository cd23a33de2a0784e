//! Resolution of options: syntax equivalence, env fallback, defaults, redaction.

use super::options::os_user;
use super::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SECRET: &str = "s3cr3t-p@ss";

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

fn parse(s: &str, env: &[(&str, &str)]) -> ConnectOptions {
    ConnectOptions::parse_with_env(s, &env_of(env)).unwrap()
}

fn parse_err(s: &str) -> String {
    ConnectOptions::parse_with_env(s, &env_of(&[("USER", "u")]))
        .unwrap_err()
        .to_string()
}

#[test]
fn url_and_keyword_string_resolve_to_the_same_options() {
    let url = parse(
        "postgresql://alice:s3cr3t-p%40ss@db.example.com:6543/app?sslmode=verify-full&sslrootcert=/ca.pem&connect_timeout=5&application_name=ci",
        &[],
    );
    let kw = parse(
        "host=db.example.com port=6543 user=alice password='s3cr3t-p@ss' dbname=app \
         sslmode=verify-full sslrootcert=/ca.pem connect_timeout=5 application_name=ci",
        &[],
    );
    assert_eq!(url, kw);
    assert_eq!(url.host(), &Host::Tcp("db.example.com".into()));
    assert_eq!(url.port(), 6543);
    assert_eq!(url.user(), "alice");
    assert_eq!(url.dbname(), "app");
    assert_eq!(url.sslmode(), SslMode::VerifyFull);
    assert_eq!(url.sslrootcert(), Some(Path::new("/ca.pem")));
    assert_eq!(url.connect_timeout(), Some(Duration::from_secs(5)));
    assert_eq!(url.application_name(), Some("ci"));
    assert!(url.has_password());
}

#[test]
fn missing_fields_come_from_pg_environment() {
    let env = [
        ("PGHOST", "envhost"),
        ("PGPORT", "7000"),
        ("PGUSER", "envuser"),
        ("PGPASSWORD", SECRET),
        ("PGDATABASE", "envdb"),
        ("PGSSLMODE", "require"),
        ("PGSSLROOTCERT", "/env/ca.pem"),
        ("PGCONNECT_TIMEOUT", "30"),
        ("PGAPPNAME", "envapp"),
    ];
    let o = parse("", &env);
    assert_eq!(o.host(), &Host::Tcp("envhost".into()));
    assert_eq!(o.port(), 7000);
    assert_eq!(o.user(), "envuser");
    assert_eq!(o.dbname(), "envdb");
    assert_eq!(o.sslmode(), SslMode::Require);
    assert_eq!(o.sslrootcert(), Some(Path::new("/env/ca.pem")));
    assert_eq!(o.connect_timeout(), Some(Duration::from_secs(30)));
    assert_eq!(o.application_name(), Some("envapp"));
    assert!(o.has_password());

    // Explicit values win over the environment.
    let o = parse("postgres://bob@h:1/x?sslmode=disable", &env);
    assert_eq!(
        (o.user(), o.port(), o.dbname(), o.sslmode()),
        ("bob", 1, "x", SslMode::Disable)
    );
    assert_eq!(o.host(), &Host::Tcp("h".into()));
}

#[test]
fn libpq_defaults_when_nothing_is_given() {
    let o = parse("", &[]);
    assert_eq!(o.host(), &Host::Tcp("localhost".into()));
    assert_eq!(o.port(), 5432);
    let expected_user = os_user(&env_of(&[])).expect("test machine has a user");
    assert_eq!(o.user(), expected_user);
    assert_eq!(o.dbname(), expected_user, "dbname defaults to the user");
    assert_eq!(o.sslmode(), SslMode::Prefer);
    assert_eq!(o.connect_timeout(), Some(Duration::from_secs(10)));
    assert_eq!(o.application_name(), None);
    assert!(!o.has_password());

    let o = parse("user=carol", &[]);
    assert_eq!(o.dbname(), "carol");
}

#[test]
fn from_env_prefers_database_url() {
    let env = env_of(&[
        ("DATABASE_URL", "postgres://dbu@urlhost/urldb"),
        ("PGHOST", "pghost"),
    ]);
    let o = ConnectOptions::from_env_with(&env).unwrap();
    assert_eq!(o.host(), &Host::Tcp("urlhost".into()));
    assert_eq!(o.dbname(), "urldb");

    let env = env_of(&[("PGHOST", "pghost"), ("PGUSER", "x")]);
    let o = ConnectOptions::from_env_with(&env).unwrap();
    assert_eq!(o.host(), &Host::Tcp("pghost".into()));
}

#[test]
fn unix_socket_hosts() {
    let o = parse("postgresql://u@%2Fvar%2Frun%2Fpostgresql/d", &[]);
    assert_eq!(o.host(), &Host::Unix(PathBuf::from("/var/run/postgresql")));
    let o = parse("postgresql:///d?host=/tmp/s&user=u", &[]);
    assert_eq!(o.host(), &Host::Unix(PathBuf::from("/tmp/s")));
    let o = parse("dbname=d", &[("PGHOST", "/sock"), ("PGUSER", "u")]);
    assert_eq!(o.host(), &Host::Unix(PathBuf::from("/sock")));
    // A socket never negotiates TLS, whatever sslmode says.
    let o = parse("host=/sock sslmode=require user=u", &[]);
    assert_eq!(
        o.to_tokio_config().get_ssl_mode(),
        tokio_postgres::config::SslMode::Disable
    );
}

#[test]
fn connect_timeout_follows_libpq() {
    let timeout = |v: &str| parse(&format!("user=u connect_timeout={v}"), &[]).connect_timeout();
    assert_eq!(timeout("0"), None);
    assert_eq!(timeout("-3"), None);
    assert_eq!(timeout("1"), Some(Duration::from_secs(2)));
    assert_eq!(timeout("15"), Some(Duration::from_secs(15)));
    assert!(parse_err("connect_timeout=soon").contains("connect_timeout"));
}

#[test]
fn bad_values_and_keywords_are_named() {
    assert_eq!(
        parse_err("port=http"),
        "invalid connection string: invalid port: \"http\" is not a port number"
    );
    assert!(parse_err("postgres://h:99999/d").contains("port"));
    assert!(parse_err("sslmode=maybe").contains("sslmode"));
    assert!(parse_err("sslmode=allow").contains("not supported"));
    assert_eq!(
        parse_err("colour=blue"),
        "invalid connection string: unknown connection parameter \"colour\""
    );
    assert!(parse_err("postgres://h/d?sslcert=/x").contains("\"sslcert\" is not supported"));
}

#[test]
fn redaction_hides_the_password_everywhere() {
    let o = parse(
        &format!("host=db user=alice password='{SECRET}' dbname=app"),
        &[],
    );
    assert_eq!(o.redacted(), "postgresql://alice:***@db:5432/app");
    assert_eq!(o.to_string(), o.redacted());
    let debug = format!("{o:?} {o:#?}");
    assert!(!debug.contains(SECRET), "{debug}");
    assert!(debug.contains("***"));

    let o = parse(
        "postgres://u@%2Ftmp%2Fs:5433/my%20db?sslmode=verify-ca",
        &[],
    );
    assert_eq!(
        o.redacted(),
        "postgresql://u@%2Ftmp%2Fs:5433/my%20db?sslmode=verify-ca"
    );
    let o = parse("postgres://u@[::1]/d", &[]);
    assert_eq!(o.redacted(), "postgresql://u@[::1]:5432/d");

    // A password from PGPASSWORD is hidden the same way.
    let o = parse("host=h user=u", &[("PGPASSWORD", SECRET)]);
    assert!(!o.redacted().contains(SECRET) && o.redacted().contains("***"));
}

#[test]
fn redacted_url_parses_back_to_the_same_target() {
    let o = parse(
        "host=/tmp/x port=6000 user='we ird' dbname='d/b' sslmode=require",
        &[],
    );
    let back = parse(&o.redacted(), &[]);
    assert_eq!(back, o);
}

#[test]
fn parse_errors_never_contain_the_password() {
    for bad in [
        format!("postgres://u:{SECRET}@h:notaport/d"),
        format!("postgres://u:{SECRET}%G@h/d"),
        format!("host=h password='{SECRET}"),
        format!("host=h password={SECRET} sslmode=bogus"),
        format!("password={SECRET} frobnicate"),
    ] {
        let msg = parse_err(&bad);
        assert!(!msg.contains(SECRET) && !msg.contains("s3cr3t"), "{msg}");
    }
}

#[test]
fn with_dbname_keeps_everything_else() {
    let o = parse(
        &format!("postgres://u:{SECRET}@h:7/main?sslmode=require"),
        &[],
    );
    let shadow = o.with_dbname("schemadiff_shadow_1");
    assert_eq!(shadow.dbname(), "schemadiff_shadow_1");
    assert_eq!(shadow.with_dbname("main"), o);
    assert_eq!(
        shadow.to_tokio_config().get_password(),
        Some(SECRET.as_bytes())
    );
}

#[test]
fn tokio_config_carries_everything() {
    let o = parse(
        &format!("postgres://u:{SECRET}@h:7/db?sslmode=verify-full&connect_timeout=3"),
        &[],
    );
    let c = o.to_tokio_config();
    assert_eq!(
        c.get_hosts(),
        &[tokio_postgres::config::Host::Tcp("h".into())]
    );
    assert_eq!(c.get_ports(), &[7]);
    assert_eq!(c.get_user(), Some("u"));
    assert_eq!(c.get_dbname(), Some("db"));
    assert_eq!(c.get_application_name(), Some("schemadiff"));
    assert_eq!(c.get_connect_timeout(), Some(&Duration::from_secs(3)));
    assert_eq!(c.get_ssl_mode(), tokio_postgres::config::SslMode::Require);
    let c = parse("user=u application_name=mine sslmode=disable", &[]).to_tokio_config();
    assert_eq!(c.get_application_name(), Some("mine"));
    assert_eq!(c.get_ssl_mode(), tokio_postgres::config::SslMode::Disable);
}

#[cfg(unix)]
#[test]
fn password_file_supplies_the_password_when_none_is_given() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let passfile = dir.path().join("pass");
    std::fs::write(&passfile, "h:5432:main:u:from-file\nh:5432:*:u:other-db\n").unwrap();
    std::fs::set_permissions(&passfile, std::fs::Permissions::from_mode(0o600)).unwrap();
    let file = passfile.to_str().unwrap();

    let o = parse("host=h user=u dbname=main", &[("PGPASSFILE", file)]);
    assert!(!o.has_password(), "the file is not a given password");
    assert_eq!(o.to_tokio_config().get_password(), Some(&b"from-file"[..]));
    // The lookup uses the database actually connected to.
    let shadow = o.with_dbname("shadow");
    assert_eq!(
        shadow.to_tokio_config().get_password(),
        Some(&b"other-db"[..])
    );
    // An explicit password wins; the keyword overrides the variable.
    let o = parse("host=h user=u password=given", &[("PGPASSFILE", file)]);
    assert_eq!(o.to_tokio_config().get_password(), Some(&b"given"[..]));
    let o = parse(&format!("host=h user=u dbname=main passfile={file}"), &[]);
    assert_eq!(o.to_tokio_config().get_password(), Some(&b"from-file"[..]));

    // ~/.pgpass through HOME.
    std::fs::copy(&passfile, dir.path().join(".pgpass")).unwrap();
    let home = dir.path().to_str().unwrap();
    let o = parse("host=h user=u dbname=main", &[("HOME", home)]);
    assert_eq!(o.to_tokio_config().get_password(), Some(&b"from-file"[..]));

    // Group-readable: ignored, and the reason is available for the error message.
    std::fs::set_permissions(&passfile, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = parse("host=h user=u dbname=main", &[("PGPASSFILE", file)]);
    assert_eq!(o.to_tokio_config().get_password(), None);
    assert!(o.resolve_password().1.contains("group or world access"));
}

/// Found by the fuzz harness: keywords and values are echoed in errors, and a newline or an
/// escape character in them broke the one-line error (or wrote to the terminal).
#[test]
fn echoed_text_is_escaped_to_one_line() {
    for (s, want) in [
        (
            "postgres://h/d?ssl%0Amode=x",
            "unknown connection parameter \"ssl\\nmode\"",
        ),
        (
            "port='5\n\u{1b}[2J'",
            "invalid port: \"5\\n\\u{1b}[2J\" is not a port number",
        ),
        (
            "connect_timeout='9\u{7}x'",
            "invalid connect_timeout: \"9\\u{7}x\" is not a whole number",
        ),
        ("x\u{1b}y", "missing \"=\" after \"x\\u{1b}y\""),
    ] {
        let err = parse_err(s);
        assert!(!err.contains(|c: char| c.is_control()), "{s:?}: {err:?}");
        assert!(err.contains(want), "{s:?}: {err}");
    }
}
