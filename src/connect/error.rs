//! Connection errors: one clear line each, naming the redacted target, never the password.
//!
//! tokio-postgres errors are classified by SQLSTATE, io error kind and rustls error type
//! rather than by their text, which is not a stable interface.

use std::error::Error as StdError;
use std::io;
use std::path::PathBuf;
use std::time::Duration;
use tokio_postgres::error::SqlState;

/// A connection string that could not be understood. Never contains the input text itself
/// (it may hold a password), only the part or keyword at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("unsupported URL scheme {found:?}: use postgres:// or postgresql://")]
    Scheme { found: String },
    #[error("bad {part} in URL: {reason}")]
    Url { part: String, reason: String },
    #[error("bad keyword string at character {position}: {reason}")]
    Keyword { position: usize, reason: String },
    #[error("unknown connection parameter {keyword:?}")]
    UnknownParameter { keyword: String },
    #[error("invalid {keyword}: {reason}")]
    InvalidValue { keyword: String, reason: String },
    #[error("{what} is not supported by schemadiff")]
    Unsupported { what: String },
}

/// Why connecting failed. `target` is always [`super::ConnectOptions::redacted`].
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("invalid connection string: {0}")]
    Parse(#[from] ParseError),
    #[error("cannot connect to {target}: connection refused (is the server running there?)")]
    Refused { target: String },
    #[error("cannot connect to {target}: {reason}")]
    Unreachable { target: String, reason: String },
    #[error("cannot connect to {target}: timed out after {}s", after.as_secs())]
    Timeout { target: String, after: Duration },
    #[error("cannot connect to {target}: password authentication failed for user \"{user}\"")]
    PasswordFailed { target: String, user: String },
    #[error(
        "cannot connect to {target}: the server wants a password for user \"{user}\" and none was given (URL, PGPASSWORD or password file){note}"
    )]
    PasswordMissing {
        target: String,
        user: String,
        /// Why the password file was not used, if it exists, with a leading "; ".
        note: String,
    },
    #[error("cannot connect to {target}: database \"{dbname}\" does not exist")]
    DatabaseMissing { target: String, dbname: String },
    #[error("cannot connect to {target}: role \"{user}\" does not exist")]
    RoleMissing { target: String, user: String },
    /// Any other refusal by the server (pg_hba.conf, too many connections, starting up...).
    #[error("cannot connect to {target}: {message} (SQLSTATE {code})")]
    Rejected {
        target: String,
        code: String,
        message: String,
    },
    #[error(
        "cannot connect to {target}: server is PostgreSQL {version}; schemadiff needs 13 or newer"
    )]
    ServerTooOld { target: String, version: String },
    #[error("cannot connect to {target}: the server does not support TLS (sslmode={sslmode})")]
    TlsUnsupported { target: String, sslmode: String },
    #[error("cannot connect to {target}: certificate verify failed: {reason}")]
    CertificateVerifyFailed { target: String, reason: String },
    #[error("cannot connect to {target}: TLS handshake failed: {reason}")]
    Tls { target: String, reason: String },
    #[error("cannot connect to {target}: root certificate file \"{}\": {reason}", path.display())]
    RootCertificate {
        target: String,
        path: PathBuf,
        reason: String,
    },
    #[error("cannot connect to {target}: {message}")]
    Other { target: String, message: String },
}

/// Classifies an error from `tokio_postgres::Config::connect` or the first query.
/// `user`/`dbname` are what we asked for, used to name the missing role or database.
pub(super) fn classify(
    err: &tokio_postgres::Error,
    target: &str,
    user: &str,
    dbname: &str,
    sslmode: &str,
) -> ConnectError {
    let target = target.to_string();
    if let Some(db) = err.as_db_error() {
        let code = db.code();
        return if *code == SqlState::INVALID_PASSWORD {
            ConnectError::PasswordFailed {
                target,
                user: user.to_string(),
            }
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            ConnectError::DatabaseMissing {
                target,
                dbname: dbname.to_string(),
            }
        } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
            && db.message().starts_with("role ")
        {
            // 28000 covers both a missing role and a pg_hba.conf rejection; only the
            // message tells them apart.
            ConnectError::RoleMissing {
                target,
                user: user.to_string(),
            }
        } else {
            ConnectError::Rejected {
                target,
                code: code.code().to_string(),
                message: db.message().to_string(),
            }
        };
    }
    if let Some(tls) = find_source::<rustls::Error>(err) {
        return match tls {
            rustls::Error::InvalidCertificate(cert) => ConnectError::CertificateVerifyFailed {
                target,
                reason: describe_certificate_error(cert),
            },
            other => ConnectError::Tls {
                target,
                reason: other.to_string(),
            },
        };
    }
    if let Some(io_err) = find_source::<io::Error>(err) {
        return match io_err.kind() {
            io::ErrorKind::ConnectionRefused => ConnectError::Refused { target },
            io::ErrorKind::NotFound => ConnectError::Unreachable {
                target,
                reason: "no server socket there (is the server running locally?)".into(),
            },
            _ => ConnectError::Unreachable {
                target,
                reason: io_err.to_string(),
            },
        };
    }
    // What is left carries a plain string cause inside tokio-postgres; the top-level text
    // is a fixed phrase per kind, so this comparison is on tokio-postgres's own wording.
    let message = error_chain(err);
    if message.contains("server does not support TLS") {
        return ConnectError::TlsUnsupported {
            target,
            sslmode: sslmode.to_string(),
        };
    }
    if message.contains("password missing") {
        return ConnectError::PasswordMissing {
            target,
            user: user.to_string(),
            note: String::new(),
        };
    }
    ConnectError::Other { target, message }
}

fn find_source<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        // io::Error wraps rustls::Error as its inner error, not as its source.
        if let Some(io_err) = e.downcast_ref::<io::Error>()
            && let Some(inner) = io_err.get_ref()
            && let Some(found) = inner.downcast_ref::<T>()
        {
            return Some(found);
        }
        current = e.source();
    }
    None
}

fn error_chain(err: &(dyn StdError + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut current = err.source();
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

fn describe_certificate_error(err: &rustls::CertificateError) -> String {
    use rustls::CertificateError as C;
    match err {
        C::UnknownIssuer => {
            "the server certificate is not signed by a trusted root certificate (sslrootcert)"
                .into()
        }
        C::NotValidForName | C::NotValidForNameContext { .. } => {
            "the server certificate does not match the host name".into()
        }
        C::Expired | C::ExpiredContext { .. } => "the server certificate has expired".into(),
        C::NotValidYet | C::NotValidYetContext { .. } => {
            "the server certificate is not valid yet".into()
        }
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_errors_read_as_sentences() {
        assert!(
            describe_certificate_error(&rustls::CertificateError::UnknownIssuer)
                .contains("trusted root")
        );
        assert!(
            describe_certificate_error(&rustls::CertificateError::NotValidForName)
                .contains("host name")
        );
    }

    #[test]
    fn io_errors_inside_tls_are_found() {
        let inner = io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        );
        let found = find_source::<rustls::Error>(&inner);
        assert!(matches!(found, Some(rustls::Error::InvalidCertificate(_))));
    }
}
