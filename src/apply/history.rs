//! The apply history, in the migrated database itself (schema `schemadiff`):
//!
//! - `schemadiff.plans`: every plan apply has run, whole (JSON), so a resume needs no file.
//! - `schemadiff.migrations`: one row per phase of a plan that apply ran: plan id, both
//!   fingerprints, phase, status (`running`, `done`, `failed`, `interrupted`, `abandoned`),
//!   start, end, duration, error, who (database role and OS user), host and tool version.
//! - `schemadiff.migration_statements`: one row per statement of that phase: its index, the
//!   SHA-256 of its SQL, start, duration, retries and status (`pending`, `running`, `done`,
//!   `failed`).
//!
//! A statement of a transaction is marked `done` in that transaction, so a crash can never
//! leave it half-recorded: resume starts at the first statement not `done`. A statement that
//! runs outside a transaction (`CREATE INDEX CONCURRENTLY`, a backfill) is marked `running`
//! before and `done` after; one found `running` is checked on resume (`execute`).

use crate::plan::{Phase, Plan};
use serde::Serialize;
use tokio_postgres::Client;

/// The tables, idempotent (the schema comes from `bookkeeping::BACKUPS_DDL`).
pub const HISTORY_DDL: &str = "CREATE TABLE IF NOT EXISTS schemadiff.plans (
  plan_id text PRIMARY KEY,
  from_fingerprint text NOT NULL, to_fingerprint text NOT NULL,
  plan jsonb NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS schemadiff.migrations (
  id bigserial PRIMARY KEY,
  plan_id text NOT NULL REFERENCES schemadiff.plans,
  from_fingerprint text NOT NULL, to_fingerprint text NOT NULL,
  phase text NOT NULL,
  status text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz, duration_ms bigint, error text,
  db_user text NOT NULL DEFAULT current_user, os_user text, host text,
  tool_version text NOT NULL,
  statements integer NOT NULL,
  UNIQUE (plan_id, phase));
CREATE TABLE IF NOT EXISTS schemadiff.migration_statements (
  migration bigint NOT NULL REFERENCES schemadiff.migrations ON DELETE CASCADE,
  index integer NOT NULL,
  step text NOT NULL,
  sql_sha256 text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  started_at timestamptz, duration_ms bigint,
  retries integer NOT NULL DEFAULT 0, error text,
  PRIMARY KEY (migration, index));";

/// A phase run's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Running,
    Done,
    Failed,
    Interrupted,
    Abandoned,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Done => "done",
            Status::Failed => "failed",
            Status::Interrupted => "interrupted",
            Status::Abandoned => "abandoned",
        }
    }
}

/// The SHA-256 of a statement's SQL, hex.
pub fn sql_hash(sql: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(sql.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Who runs apply, from where: the OS user and the host name.
fn who() -> (Option<String>, Option<String>) {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .or_else(|| std::env::var("HOSTNAME").ok());
    (user, host)
}

/// True when the history tables exist (a dry run never creates them).
pub async fn exists(client: &Client) -> Result<bool, tokio_postgres::Error> {
    let row = client
        .query_one(
            "SELECT to_regclass('schemadiff.migration_statements') IS NOT NULL",
            &[],
        )
        .await?;
    Ok(row.get(0))
}

/// Create the tables (idempotent).
pub async fn ensure(client: &Client) -> Result<(), tokio_postgres::Error> {
    client
        .batch_execute(&format!(
            "{}\n{}",
            crate::bookkeeping::BACKUPS_DDL,
            HISTORY_DDL
        ))
        .await
}

/// Save a plan (once per id).
pub async fn save_plan(client: &Client, plan: &Plan) -> Result<(), tokio_postgres::Error> {
    let json = serde_json::to_string(plan).expect("a plan serializes");
    client
        .execute(
            "INSERT INTO schemadiff.plans (plan_id, from_fingerprint, to_fingerprint, plan)
             VALUES ($1, $2, $3, $4::text::jsonb) ON CONFLICT (plan_id) DO NOTHING",
            &[
                &plan.id(),
                &plan.from_fingerprint,
                &plan.to_fingerprint,
                &json,
            ],
        )
        .await?;
    Ok(())
}

/// The latest plan whose phases are not all done (nor abandoned): a phase run that did not
/// finish, or a phase with work that never ran. With the phases it has finished.
pub async fn open_plan(client: &Client) -> Result<Option<(Plan, Vec<Phase>)>, OpenPlanError> {
    let rows = client
        .query(
            "SELECT p.plan_id, p.plan::text,
                    coalesce(array_agg(m.phase) FILTER (WHERE m.status = 'done'), '{}'),
                    bool_or(m.status = 'abandoned')
               FROM schemadiff.plans p JOIN schemadiff.migrations m USING (plan_id)
              GROUP BY p.plan_id, p.plan::text
              ORDER BY max(m.started_at) DESC LIMIT 1",
            &[],
        )
        .await?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    if row.get::<_, Option<bool>>(3) == Some(true) {
        return Ok(None);
    }
    let text: String = row.get(1);
    let plan: Plan = serde_json::from_str(&text).map_err(|e| {
        OpenPlanError::Unreadable(format!("plan {} in history: {e}", row.get::<_, String>(0)))
    })?;
    let done: Vec<String> = row.get(2);
    let done: Vec<Phase> = Phase::ALL
        .into_iter()
        .filter(|p| done.iter().any(|d| d == p.name()))
        .collect();
    let unfinished = Phase::ALL
        .into_iter()
        .any(|p| !done.contains(&p) && plan.phase(p).iter().any(|s| !s.forward.is_empty()));
    Ok(unfinished.then_some((plan, done)))
}

/// The phases of a plan that are done, by its id.
pub async fn done_phases(
    client: &Client,
    plan_id: &str,
) -> Result<Vec<Phase>, tokio_postgres::Error> {
    let rows = client
        .query(
            "SELECT phase FROM schemadiff.migrations WHERE plan_id = $1 AND status = 'done'",
            &[&plan_id],
        )
        .await?;
    let names: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    Ok(Phase::ALL
        .into_iter()
        .filter(|p| names.iter().any(|n| n == p.name()))
        .collect())
}

#[derive(Debug, thiserror::Error)]
pub enum OpenPlanError {
    #[error(transparent)]
    Db(#[from] tokio_postgres::Error),
    #[error("{0}")]
    Unreadable(String),
}

/// Mark the unfinished phases of a plan abandoned (`apply --abandon`).
pub async fn abandon(client: &Client, plan: &Plan) -> Result<u64, tokio_postgres::Error> {
    let id = plan.id();
    let mut n = client
        .execute(
            "UPDATE schemadiff.migrations SET status = 'abandoned', finished_at = clock_timestamp()
              WHERE plan_id = $1 AND status <> 'done'",
            &[&id],
        )
        .await?;
    if n == 0 {
        // Every phase that ran finished: a row says the rest never will.
        n = client
            .execute(
                "INSERT INTO schemadiff.migrations (plan_id, from_fingerprint, to_fingerprint,
                     phase, status, finished_at, tool_version, statements)
                 VALUES ($1, $2, $3, 'none', 'abandoned', clock_timestamp(), $4, 0)
                 ON CONFLICT DO NOTHING",
                &[
                    &id,
                    &plan.from_fingerprint,
                    &plan.to_fingerprint,
                    &env!("CARGO_PKG_VERSION"),
                ],
            )
            .await?;
    }
    Ok(n)
}

/// One statement of a phase, as the history holds it.
#[derive(Clone, Debug)]
pub struct StatementRecord {
    pub index: i32,
    pub status: String,
    pub retries: i32,
}

/// Start (or resume) the run of one phase of a plan: its row in `migrations` and a row per
/// statement. Returns the migration id and the statements' records, by index.
pub async fn begin_phase(
    client: &Client,
    plan: &Plan,
    phase: Phase,
    statements: &[(String, String)],
) -> Result<(i64, Vec<StatementRecord>), tokio_postgres::Error> {
    let (os_user, host) = who();
    let row = client
        .query_one(
            "INSERT INTO schemadiff.migrations (plan_id, from_fingerprint, to_fingerprint, phase,
                 status, os_user, host, tool_version, statements)
             VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8)
             ON CONFLICT (plan_id, phase) DO UPDATE
                SET status = 'running', error = NULL, finished_at = NULL, duration_ms = NULL,
                    os_user = excluded.os_user, host = excluded.host,
                    tool_version = excluded.tool_version
             RETURNING id",
            &[
                &plan.id(),
                &plan.from_fingerprint,
                &plan.to_fingerprint,
                &phase.name(),
                &os_user,
                &host,
                &env!("CARGO_PKG_VERSION"),
                &(statements.len() as i32),
            ],
        )
        .await?;
    let id: i64 = row.get(0);
    for (i, (step, sql)) in statements.iter().enumerate() {
        client
            .execute(
                "INSERT INTO schemadiff.migration_statements (migration, index, step, sql_sha256)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[&id, &(i as i32), step, &sql_hash(sql)],
            )
            .await?;
    }
    let records = client
        .query(
            "SELECT index, status, retries FROM schemadiff.migration_statements
              WHERE migration = $1 ORDER BY index",
            &[&id],
        )
        .await?
        .iter()
        .map(|r| StatementRecord {
            index: r.get(0),
            status: r.get(1),
            retries: r.get(2),
        })
        .collect();
    Ok((id, records))
}

/// The SQL that marks statements `from..to` of a migration done: run inside the statements'
/// own transaction, so they and their record commit together.
pub fn mark_done_sql(migration: i64, indexes: &[usize], duration_ms: i64) -> String {
    let list: Vec<String> = indexes.iter().map(usize::to_string).collect();
    format!(
        "UPDATE schemadiff.migration_statements SET status = 'done', duration_ms = {duration_ms}, error = NULL
          WHERE migration = {migration} AND index IN ({})",
        list.join(", ")
    )
}

/// Mark statements `running` (before a try) with their start time.
pub async fn mark_running(
    client: &Client,
    migration: i64,
    indexes: &[usize],
) -> Result<(), tokio_postgres::Error> {
    update(
        client,
        migration,
        indexes,
        "status = 'running', started_at = coalesce(started_at, clock_timestamp())",
        &[],
    )
    .await
}

/// Count one more try of statements (a lock timeout).
pub async fn add_retry(
    client: &Client,
    migration: i64,
    indexes: &[usize],
) -> Result<(), tokio_postgres::Error> {
    update(client, migration, indexes, "retries = retries + 1", &[]).await
}

/// Record that statements failed (or were interrupted) with `error`.
pub async fn mark_failed(
    client: &Client,
    migration: i64,
    indexes: &[usize],
    status: &str,
    error: &str,
) -> Result<(), tokio_postgres::Error> {
    update(
        client,
        migration,
        indexes,
        "status = $3, error = $4",
        &[&status, &error],
    )
    .await
}

/// `UPDATE ... SET <set>` of some statements of a migration; `$3...` in `set` are `more`.
async fn update(
    client: &Client,
    migration: i64,
    indexes: &[usize],
    set: &str,
    more: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> Result<(), tokio_postgres::Error> {
    let idx: Vec<i32> = indexes.iter().map(|&i| i as i32).collect();
    let mut params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = vec![&migration, &idx];
    params.extend_from_slice(more);
    client
        .execute(
            &format!(
                "UPDATE schemadiff.migration_statements SET {set}
                  WHERE migration = $1 AND index = ANY($2)"
            ),
            &params,
        )
        .await?;
    Ok(())
}

/// End a phase run.
pub async fn end_phase(
    client: &Client,
    migration: i64,
    status: Status,
    error: Option<&str>,
) -> Result<(), tokio_postgres::Error> {
    client
        .execute(
            "UPDATE schemadiff.migrations SET status = $2, error = $3,
                    finished_at = clock_timestamp(),
                    duration_ms = (extract(epoch FROM clock_timestamp() - started_at) * 1000)::bigint
              WHERE id = $1",
            &[&migration, &status.name(), &error],
        )
        .await?;
    Ok(())
}

/// One phase run, for `schemadiff history`.
#[derive(Clone, Debug, Serialize)]
pub struct MigrationRow {
    pub id: i64,
    pub plan_id: String,
    pub from_fingerprint: String,
    pub to_fingerprint: String,
    pub phase: String,
    pub status: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub duration_ms: Option<i64>,
    pub error: Option<String>,
    pub db_user: String,
    pub os_user: Option<String>,
    pub host: Option<String>,
    pub tool_version: String,
    pub statements: i32,
    pub statements_done: i64,
    pub retries: i64,
}

/// One statement run, for `schemadiff history --statements`.
#[derive(Clone, Debug, Serialize)]
pub struct StatementRow {
    pub migration: i64,
    pub index: i32,
    pub step: String,
    pub sql_sha256: String,
    pub status: String,
    pub started_at: Option<String>,
    pub duration_ms: Option<i64>,
    pub retries: i32,
    pub error: Option<String>,
}

const TIME: &str = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

fn time(column: &str) -> String {
    TIME.replace("%s", column)
}

/// Every phase run, oldest first.
pub async fn migrations(client: &Client) -> Result<Vec<MigrationRow>, tokio_postgres::Error> {
    let sql = format!(
        "SELECT m.id, m.plan_id, m.from_fingerprint, m.to_fingerprint, m.phase, m.status,
                {}, {}, m.duration_ms, m.error, m.db_user, m.os_user, m.host, m.tool_version,
                m.statements,
                (SELECT count(*) FROM schemadiff.migration_statements s
                  WHERE s.migration = m.id AND s.status = 'done'),
                (SELECT coalesce(sum(retries), 0)::bigint FROM schemadiff.migration_statements s
                  WHERE s.migration = m.id)
           FROM schemadiff.migrations m ORDER BY m.started_at, m.id",
        time("m.started_at"),
        time("m.finished_at")
    );
    Ok(client
        .query(&sql, &[])
        .await?
        .iter()
        .map(|r| MigrationRow {
            id: r.get(0),
            plan_id: r.get(1),
            from_fingerprint: r.get(2),
            to_fingerprint: r.get(3),
            phase: r.get(4),
            status: r.get(5),
            started_at: r.get(6),
            finished_at: r.get(7),
            duration_ms: r.get(8),
            error: r.get(9),
            db_user: r.get(10),
            os_user: r.get(11),
            host: r.get(12),
            tool_version: r.get(13),
            statements: r.get(14),
            statements_done: r.get(15),
            retries: r.get(16),
        })
        .collect())
}

/// The statements of one phase run, in order.
pub async fn statements(
    client: &Client,
    migration: i64,
) -> Result<Vec<StatementRow>, tokio_postgres::Error> {
    let sql = format!(
        "SELECT migration, index, step, sql_sha256, status, {}, duration_ms, retries, error
           FROM schemadiff.migration_statements WHERE migration = $1 ORDER BY index",
        time("started_at")
    );
    Ok(client
        .query(&sql, &[&migration])
        .await?
        .iter()
        .map(|r| StatementRow {
            migration: r.get(0),
            index: r.get(1),
            step: r.get(2),
            sql_sha256: r.get(3),
            status: r.get(4),
            started_at: r.get(5),
            duration_ms: r.get(6),
            retries: r.get(7),
            error: r.get(8),
        })
        .collect())
}
