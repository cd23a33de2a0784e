//! No racing: apply holds a session-level advisory lock on the database it migrates for the
//! whole run, planning included. Its key is [`ADVISORY_KEY`], the bytes of `schemadi` read
//! as a big-endian 64-bit integer, the same in every database. The lock goes with the
//! session, so a killed apply releases it as soon as its backend notices (apply sets
//! `client_connection_check_interval` for that).

use std::time::{Duration, Instant};
use tokio_postgres::Client;

/// `pg_advisory_lock(8314604121892152425)`: `b"schemadi"` as a big-endian `bigint`.
pub const ADVISORY_KEY: i64 = i64::from_be_bytes(*b"schemadi");

/// Who holds the lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub pid: i32,
    pub application_name: String,
    pub client: Option<String>,
    /// When its session started (RFC 3339, UTC).
    pub since: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "pid {} (application_name {:?}{}, connected since {})",
            self.pid,
            self.application_name,
            self.client
                .as_ref()
                .map(|c| format!(", from {c}"))
                .unwrap_or_default(),
            self.since
        )
    }
}

/// Take the lock, trying for up to `wait`. `Err(holder)` when another session keeps it.
pub async fn acquire(
    client: &Client,
    wait: Duration,
) -> Result<Result<(), Option<Holder>>, tokio_postgres::Error> {
    let deadline = Instant::now() + wait;
    loop {
        let row = client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&ADVISORY_KEY])
            .await?;
        if row.get::<_, bool>(0) {
            return Ok(Ok(()));
        }
        if Instant::now() >= deadline {
            return Ok(Err(holder(client).await?));
        }
        tokio::time::sleep(Duration::from_millis(200).min(deadline - Instant::now())).await;
    }
}

/// The session that holds the lock, if any.
pub async fn holder(client: &Client) -> Result<Option<Holder>, tokio_postgres::Error> {
    let rows = client
        .query(
            "SELECT a.pid, a.application_name, host(a.client_addr),
                    to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
               FROM pg_locks l JOIN pg_stat_activity a USING (pid)
              WHERE l.locktype = 'advisory' AND l.granted AND l.database =
                    (SELECT oid FROM pg_database WHERE datname = current_database())
                AND l.classid = ($1::bigint >> 32)::oid AND l.objid = ($1::bigint & 4294967295)::oid
                AND l.objsubid = 1",
            &[&ADVISORY_KEY],
        )
        .await?;
    Ok(rows.first().map(|r| Holder {
        pid: r.get(0),
        application_name: r.get(1),
        client: r.get(2),
        since: r.get(3),
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_key_is_the_documented_number() {
        assert_eq!(super::ADVISORY_KEY, 8314604121892152425);
    }
}
