//! Turning a connection string into libpq keyword/value pairs.
//!
//! Two syntaxes, as in libpq: a `postgres://` / `postgresql://` URL, or a keyword string
//! (`host=db port=5432 dbname='my db'`). Both produce the same pairs, so the rest of the
//! module (env fallback, defaults, validation) is written once. Errors never echo the text
//! they failed on: it may contain a password.

use super::error::ParseError;

/// One `keyword=value` pair, keyword in libpq spelling (`dbname`, `sslmode`, ...).
pub(super) type Param = (String, String);

/// Parses either syntax; the empty string is a valid keyword string with no pairs.
pub(super) fn parse_conninfo(s: &str) -> Result<Vec<Param>, ParseError> {
    let trimmed = s.trim();
    for scheme in ["postgresql://", "postgres://"] {
        if let Some(rest) = strip_prefix_ignore_case(trimmed, scheme) {
            return parse_url(rest);
        }
    }
    if let Some(idx) = trimmed.find("://")
        && is_scheme(&trimmed[..idx])
    {
        // Only the scheme is safe to show: the rest may hold a password.
        return Err(ParseError::Scheme {
            found: trimmed[..idx].to_string(),
        });
    }
    // A `://` after anything but a scheme is inside a keyword string's value
    // (`password='a://b'`): libpq, too, recognises a URL by its prefix only.
    parse_keywords(trimmed)
}

/// RFC 3986: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
fn is_scheme(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `[user[:password]@][host][:port][/dbname][?param=value&...]`, after the scheme.
fn parse_url(rest: &str) -> Result<Vec<Param>, ParseError> {
    let mut params = Vec::new();
    let (before_query, query) = match rest.find('?') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (netloc, path) = match before_query.find('/') {
        Some(i) => (&before_query[..i], Some(&before_query[i + 1..])),
        None => (before_query, None),
    };
    // The last '@' ends the user info, so an unencoded '@' inside a password still works.
    let hostport = match netloc.rfind('@') {
        Some(i) => {
            let userinfo = &netloc[..i];
            let (user, password) = match userinfo.find(':') {
                Some(j) => (&userinfo[..j], Some(&userinfo[j + 1..])),
                None => (userinfo, None),
            };
            push_nonempty(&mut params, "user", decode(user, "user name")?);
            if let Some(password) = password {
                push_nonempty(&mut params, "password", decode(password, "password")?);
            }
            &netloc[i + 1..]
        }
        None => netloc,
    };
    if hostport.contains(',') {
        return Err(ParseError::Unsupported {
            what: "multiple hosts in one URL".into(),
        });
    }
    let (host, port) = split_host_port(hostport)?;
    push_nonempty(&mut params, "host", decode(host, "host")?);
    if let Some(port) = port {
        push_nonempty(&mut params, "port", decode(port, "port")?);
    }
    if let Some(path) = path {
        push_nonempty(&mut params, "dbname", decode(path, "database name")?);
    }
    if let Some(query) = query {
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let Some((key, value)) = pair.split_once('=') else {
                return Err(ParseError::Url {
                    part: "query".into(),
                    reason: "a parameter has no '='".into(),
                });
            };
            let key = decode(key, "query parameter name")?;
            let value = decode(value, "query parameter value")?;
            // JDBC-style `ssl=true` is accepted by libpq as sslmode=require.
            if key == "ssl" {
                if value != "true" {
                    return Err(ParseError::InvalidValue {
                        keyword: "ssl".into(),
                        reason: "only ssl=true is understood".into(),
                    });
                }
                params.push(("sslmode".into(), "require".into()));
            } else {
                params.push((key, value));
            }
        }
    }
    Ok(params)
}

/// Splits `host:port`, `[v6addr]:port`, `host` or `:port`.
fn split_host_port(hostport: &str) -> Result<(&str, Option<&str>), ParseError> {
    if let Some(rest) = hostport.strip_prefix('[') {
        let Some(end) = rest.find(']') else {
            return Err(ParseError::Url {
                part: "host".into(),
                reason: "missing ']' after an IPv6 address".into(),
            });
        };
        let after = &rest[end + 1..];
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => {
                return Err(ParseError::Url {
                    part: "host".into(),
                    reason: "unexpected text after ']'".into(),
                });
            }
        };
        return Ok((&rest[..end], port));
    }
    Ok(match hostport.rfind(':') {
        Some(i) => (&hostport[..i], Some(&hostport[i + 1..])),
        None => (hostport, None),
    })
}

fn push_nonempty(params: &mut Vec<Param>, key: &str, value: String) {
    if !value.is_empty() {
        params.push((key.to_string(), value));
    }
}

/// Percent-decoding as libpq does it: `%XX` only, `+` stays a plus sign.
fn decode(s: &str, part: &str) -> Result<String, ParseError> {
    let bad = |reason: &str| ParseError::Url {
        part: part.to_string(),
        reason: reason.to_string(),
    };
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| bad("invalid percent-encoding"))?;
            if hex == 0 {
                return Err(bad("percent-encoded NUL byte"));
            }
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad("percent-encoding is not valid UTF-8"))
}

/// libpq's keyword string: `key = value` pairs separated by whitespace; values may be
/// single-quoted; a backslash escapes the next character inside and outside quotes.
fn parse_keywords(s: &str) -> Result<Vec<Param>, ParseError> {
    let chars: Vec<char> = s.chars().collect();
    let mut params = Vec::new();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    loop {
        skip_ws(&mut i);
        if i >= chars.len() {
            return Ok(params);
        }
        let key_start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' {
            i += 1;
        }
        let key: String = chars[key_start..i].iter().collect();
        skip_ws(&mut i);
        if chars.get(i) != Some(&'=') {
            // A keyword is safe to show (it is never a secret) and says where the error is.
            return Err(ParseError::Keyword {
                position: key_start + 1,
                reason: format!("missing \"=\" after {key:?}"),
            });
        }
        i += 1;
        skip_ws(&mut i);
        let mut value = String::new();
        if chars.get(i) == Some(&'\'') {
            let quote_start = i;
            i += 1;
            loop {
                match chars.get(i) {
                    None => {
                        return Err(ParseError::Keyword {
                            position: quote_start + 1,
                            reason: format!("unterminated quoted value for {key:?}"),
                        });
                    }
                    Some('\'') => {
                        i += 1;
                        break;
                    }
                    Some('\\') if i + 1 < chars.len() => {
                        value.push(chars[i + 1]);
                        i += 2;
                    }
                    Some(&c) => {
                        value.push(c);
                        i += 1;
                    }
                }
            }
        } else {
            while i < chars.len() && !chars[i].is_whitespace() {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                value.push(chars[i]);
                i += 1;
            }
        }
        params.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(s: &str) -> Vec<(String, String)> {
        parse_conninfo(s).unwrap()
    }

    fn p(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn full_url() {
        assert_eq!(
            pairs(
                "postgresql://al%40ice:p%3Ass@db.example.com:6543/my%20db?sslmode=verify-full&application_name=x"
            ),
            vec![
                p("user", "al@ice"),
                p("password", "p:ss"),
                p("host", "db.example.com"),
                p("port", "6543"),
                p("dbname", "my db"),
                p("sslmode", "verify-full"),
                p("application_name", "x"),
            ]
        );
    }

    #[test]
    fn url_scheme_is_case_insensitive_and_postgres_alias_works() {
        assert_eq!(
            pairs("POSTGRES://h/d"),
            vec![p("host", "h"), p("dbname", "d")]
        );
    }

    #[test]
    fn url_unencoded_at_in_password_uses_last_at() {
        assert_eq!(
            pairs("postgres://u:p@ss@h"),
            vec![p("user", "u"), p("password", "p@ss"), p("host", "h")]
        );
    }

    #[test]
    fn url_ipv6_and_socket_hosts() {
        assert_eq!(
            pairs("postgres://[::1]:5433/d"),
            vec![p("host", "::1"), p("port", "5433"), p("dbname", "d")]
        );
        assert_eq!(
            pairs("postgresql://%2Fvar%2Frun%2Fpostgresql/d"),
            vec![p("host", "/var/run/postgresql"), p("dbname", "d")]
        );
        assert_eq!(
            pairs("postgresql:///d?host=/tmp/sock&port=7"),
            vec![p("dbname", "d"), p("host", "/tmp/sock"), p("port", "7")]
        );
    }

    #[test]
    fn url_plus_is_not_space_and_ssl_true_means_require() {
        assert_eq!(
            pairs("postgres://h/a+b?ssl=true"),
            vec![p("host", "h"), p("dbname", "a+b"), p("sslmode", "require")]
        );
    }

    #[test]
    fn url_errors_name_the_part_not_the_secret() {
        let err = parse_conninfo("postgres://u:se%ZZcret@h/d").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("password"), "{msg}");
        assert!(!msg.contains("se%ZZcret") && !msg.contains("cret"), "{msg}");

        let err = parse_conninfo("mysql://u:secret@h/d").unwrap_err();
        assert!(err.to_string().contains("mysql"));
        assert!(!err.to_string().contains("secret"));

        let err = parse_conninfo("postgres://h1,h2/d").unwrap_err();
        assert!(err.to_string().contains("multiple hosts"));

        let err = parse_conninfo("postgres://h/d?sslmode").unwrap_err();
        assert!(err.to_string().contains("query"));
    }

    #[test]
    fn keyword_string_with_quotes_and_escapes() {
        assert_eq!(
            pairs(r"host=localhost  port = 5433 dbname='my \'db\'' password=a\ b user=''"),
            vec![
                p("host", "localhost"),
                p("port", "5433"),
                p("dbname", "my 'db'"),
                p("password", "a b"),
                p("user", ""),
            ]
        );
        assert_eq!(pairs("   "), vec![]);
    }

    #[test]
    fn a_url_inside_a_keyword_value_is_no_scheme() {
        // Found by the fuzz harness: this was refused as the "URL scheme" `password='a`,
        // showing the start of the password.
        assert_eq!(
            pairs("host=h password='se://cret' options='-c x=y://z'"),
            vec![
                p("host", "h"),
                p("password", "se://cret"),
                p("options", "-c x=y://z")
            ]
        );
        assert_eq!(
            pairs("password=se://cret"),
            vec![p("password", "se://cret")]
        );
    }

    #[test]
    fn keyword_errors_say_where() {
        let err = parse_conninfo("host=h dbname").unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad keyword string at character 8: missing \"=\" after \"dbname\""
        );
        let err = parse_conninfo("password='secret").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("unterminated") && !msg.contains("secret"),
            "{msg}"
        );
    }
}
