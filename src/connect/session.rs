//! Opening a session: TLS choice, timeout, the connection task, and the version check.

use super::error::{ConnectError, classify};
use super::options::{ConnectOptions, Host, SslMode};
use super::tls::make_tls_connector;
use tokio_postgres::tls::{MakeTlsConnect, TlsConnect};
use tokio_postgres::{Client, NoTls, Socket};

/// PostgreSQL 13: the oldest server schemadiff supports.
pub const MIN_SERVER_VERSION_NUM: i32 = 130000;

/// Connects, spawning the connection task on the current tokio runtime.
///
/// `application_name` is `schemadiff` unless given; the whole attempt (TCP, TLS,
/// authentication, version check) is bounded by `connect_timeout` (10 s by default).
pub async fn connect(opts: &ConnectOptions) -> Result<Client, ConnectError> {
    let target = opts.redacted();
    let attempt = async {
        let client = match (opts.host(), opts.sslmode()) {
            // Unix sockets never use TLS, as in libpq.
            (Host::Unix(_), _) | (_, SslMode::Disable) => open(opts, &target, NoTls).await?,
            _ => open(opts, &target, make_tls_connector(opts, &target)?).await?,
        };
        check_version(&client, opts, &target).await?;
        Ok(client)
    };
    match opts.connect_timeout() {
        Some(after) => tokio::time::timeout(after, attempt)
            .await
            .unwrap_or_else(|_| Err(ConnectError::Timeout { target, after })),
        None => attempt.await,
    }
}

async fn open<T>(opts: &ConnectOptions, target: &str, tls: T) -> Result<Client, ConnectError>
where
    T: MakeTlsConnect<Socket> + 'static + Send,
    T::TlsConnect: Send,
    T::Stream: Send,
    <T::TlsConnect as TlsConnect<Socket>>::Future: Send,
{
    let config = opts.to_tokio_config();
    match config.connect(tls).await {
        Ok((client, connection)) => {
            // The connection future drives the socket; errors surface on the client's
            // next call as a closed connection, so there is nothing to report here.
            tokio::spawn(async move {
                let _ = connection.await;
            });
            Ok(client)
        }
        Err(e) => Err(fill_password_note(classify_for(&e, opts, target), opts)),
    }
}

fn classify_for(e: &tokio_postgres::Error, opts: &ConnectOptions, target: &str) -> ConnectError {
    classify(
        e,
        target,
        opts.user(),
        opts.dbname(),
        opts.sslmode().as_str(),
    )
}

/// Says why the password file was not used, if that is why no password was sent.
fn fill_password_note(err: ConnectError, opts: &ConnectOptions) -> ConnectError {
    match err {
        ConnectError::PasswordMissing { target, user, .. } => ConnectError::PasswordMissing {
            target,
            user,
            note: opts.resolve_password().1,
        },
        other => other,
    }
}

async fn check_version(
    client: &Client,
    opts: &ConnectOptions,
    target: &str,
) -> Result<(), ConnectError> {
    let row = client
        .query_one(
            "SELECT current_setting('server_version_num')::int4, current_setting('server_version')",
            &[],
        )
        .await
        .map_err(|e| classify_for(&e, opts, target))?;
    version_ok(row.get(0), row.get(1), target)
}

/// `version` is `server_version`, e.g. `12.4 (Debian 12.4-1.pgdg110+1)`.
pub(super) fn version_ok(num: i32, version: &str, target: &str) -> Result<(), ConnectError> {
    if num >= MIN_SERVER_VERSION_NUM {
        return Ok(());
    }
    Err(ConnectError::ServerTooOld {
        target: target.to_string(),
        version: version
            .split_whitespace()
            .next()
            .unwrap_or(version)
            .to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_servers_are_refused_with_their_version() {
        let err = version_ok(
            120004,
            "12.4 (Debian 12.4-1.pgdg110+1)",
            "postgresql://u@h:5432/d",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot connect to postgresql://u@h:5432/d: server is PostgreSQL 12.4; schemadiff needs 13 or newer"
        );
        assert!(version_ok(130000, "13.0", "t").is_ok());
        assert!(version_ok(170002, "17.2", "t").is_ok());
    }
}
