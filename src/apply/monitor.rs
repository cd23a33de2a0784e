//! The second connection of an apply: it watches the session that runs the statements
//! without disturbing it. It samples who blocks a statement waiting for a lock (so that a
//! lock timeout can name the blocker, which is gone by the time the error arrives), reads
//! the progress of backfills and index builds, and cancels the running statement on Ctrl-C.

use tokio_postgres::Client;

/// A lock the statement waited for, and the sessions that held it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocked {
    /// `ACCESS EXCLUSIVE on public.orders`, `ShareLock on transaction 1234`, ...
    pub waiting_for: String,
    pub holders: Vec<String>,
}

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "waited for {}, held by {}",
            self.waiting_for,
            self.holders.join("; ")
        )
    }
}

pub struct Monitor {
    client: Client,
}

impl Monitor {
    pub fn new(client: Client) -> Monitor {
        Monitor { client }
    }

    /// What `pid` waits for now, if it waits for a lock.
    pub async fn blocked(&self, pid: i32) -> Option<Blocked> {
        let rows = self
            .client
            .query(
                "SELECT CASE WHEN l.relation IS NOT NULL
                             THEN replace(upper(regexp_replace(l.mode, '([a-z])([A-Z])', '\\1 \\2', 'g')), ' LOCK', '')
                                  || ' on ' || (SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                                                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                                 WHERE c.oid = l.relation)
                             ELSE l.mode || ' on ' || l.locktype END,
                        b.pid, b.application_name, b.state,
                        to_char(b.xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                        left(regexp_replace(b.query, '\\s+', ' ', 'g'), 120)
                   FROM pg_locks l
                   CROSS JOIN LATERAL unnest(pg_blocking_pids($1)) AS bp(pid)
                   JOIN pg_stat_activity b ON b.pid = bp.pid
                  WHERE l.pid = $1 AND NOT l.granted",
                &[&pid],
            )
            .await
            .ok()?;
        let first = rows.first()?;
        let holders = rows
            .iter()
            .map(|r| {
                format!(
                    "pid {} (application_name {:?}, {}, transaction since {}, last query: {})",
                    r.get::<_, i32>(1),
                    r.get::<_, Option<String>>(2).unwrap_or_default(),
                    r.get::<_, Option<String>>(3).unwrap_or_default(),
                    r.get::<_, Option<String>>(4)
                        .unwrap_or_else(|| "-".to_string()),
                    r.get::<_, Option<String>>(5).unwrap_or_default()
                )
            })
            .collect();
        Some(Blocked {
            waiting_for: first.get(0),
            holders,
        })
    }

    /// Rows a backfill has done so far (`schemadiff.backfills`).
    pub async fn backfill_rows(&self, id: &str) -> Option<i64> {
        let row = self
            .client
            .query_opt(
                "SELECT rows_done FROM schemadiff.backfills WHERE id = $1",
                &[&id],
            )
            .await
            .ok()??;
        Some(row.get(0))
    }

    /// The planner's estimate of a table's rows (0 when never analyzed), for a backfill's
    /// total.
    pub async fn estimated_rows(&self, relation: &str) -> u64 {
        let row = self
            .client
            .query_opt(
                "SELECT greatest(sum(c.reltuples), 0)::bigint
                   FROM pg_partition_tree(to_regclass($1)) t JOIN pg_class c ON c.oid = t.relid",
                &[&relation],
            )
            .await
            .ok()
            .flatten();
        row.and_then(|r| r.get::<_, Option<i64>>(0)).unwrap_or(0) as u64
    }

    /// An index build's progress in `pid`: its phase, and blocks (or tuples) done and total.
    pub async fn index_progress(&self, pid: i32) -> Option<(String, u64, u64)> {
        let row = self
            .client
            .query_opt(
                "SELECT phase,
                        CASE WHEN blocks_total > 0 THEN blocks_done ELSE tuples_done END,
                        CASE WHEN blocks_total > 0 THEN blocks_total ELSE tuples_total END
                   FROM pg_stat_progress_create_index WHERE pid = $1",
                &[&pid],
            )
            .await
            .ok()??;
        Some((
            row.get(0),
            row.get::<_, i64>(1).max(0) as u64,
            row.get::<_, i64>(2).max(0) as u64,
        ))
    }

    /// Cancel the autovacuum workers that hold a lock on one of `relations`, except those
    /// that prevent wraparound (PostgreSQL never cancels those either). A DDL statement
    /// that needs a lock autovacuum holds would wait until PostgreSQL cancels the worker
    /// itself, after `deadlock_timeout` (1 s), and every writer would queue behind it (the
    /// split-column stall of docs/benchmarks.md). The number cancelled; none when the role
    /// may not (PostgreSQL lets only a superuser signal an autovacuum worker).
    pub async fn cancel_autovacuum(&self, relations: &[String]) -> u64 {
        if relations.is_empty() {
            return 0;
        }
        self.client
            .query_one(
                "SELECT count(pg_cancel_backend(a.pid)) FROM pg_stat_activity a
                  WHERE a.backend_type = 'autovacuum worker'
                    AND a.query NOT LIKE '%(to prevent wraparound)%'
                    AND EXISTS (SELECT 1 FROM pg_locks l
                                 WHERE l.pid = a.pid AND l.locktype = 'relation'
                                   -- Copies of one database share relation oids.
                                   AND l.database = (SELECT oid FROM pg_database
                                                      WHERE datname = current_database())
                                   AND l.relation = ANY (SELECT to_regclass(r)::oid FROM unnest($1::text[]) r))",
                &[&relations],
            )
            .await
            .map(|r| r.get::<_, i64>(0) as u64)
            .unwrap_or(0)
    }

    /// Cancel what `pid` runs (Ctrl-C).
    pub async fn cancel(&self, pid: i32) {
        let _ = self
            .client
            .execute("SELECT pg_cancel_backend($1)", &[&pid])
            .await;
    }

    pub fn client(&self) -> &Client {
        &self.client
    }
}
