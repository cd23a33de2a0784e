//! schemadiff's own tables in the databases it migrates: the registry of backups of dropped
//! data, backfill progress (and, later, the apply history). They live in two schemas that are
//! never part of the managed schema: introspection leaves them out whatever the `Filter`
//! says (so neither side of a diff ever has them), and the test oracle's `pg_dump` excludes
//! them, the way migration runners keep their history tables out of the schema.
//!
//! - [`STATE_SCHEMA`] (`schemadiff`): `schemadiff.backups` ([`BACKUPS_DDL`]) and
//!   `schemadiff.backfills` ([`BACKFILLS_DDL`]).
//! - [`BACKUP_SCHEMA`] (`schemadiff_backup`): the backups themselves. A dropped column's
//!   (key, value) pairs are copied into a table there; a dropped table is moved there
//!   (renamed). Every one is registered in `schemadiff.backups`.
//!
//! [`backups`] reads the registry and [`purge`] drops one backup: the `schemadiff backups`
//! command is built on them.

use crate::model::quote_ident;
use serde::Serialize;
use tokio_postgres::{Client, GenericClient};

/// The schema of schemadiff's state: the backup registry, backfill progress.
pub const STATE_SCHEMA: &str = "schemadiff";

/// The schema the backups of dropped columns and tables are kept in.
pub const BACKUP_SCHEMA: &str = "schemadiff_backup";

/// The schemas that are never managed: left out of introspection whatever the `Filter`
/// says, on the live side and the desired side alike. The one list; nothing else belongs
/// here.
pub const UNMANAGED_SCHEMAS: [&str; 2] = [STATE_SCHEMA, BACKUP_SCHEMA];

/// Migration runners' own bookkeeping schemas (sqitch's registry). Like
/// [`UNMANAGED_SCHEMAS`], never introspected: a database a runner migrated has them, the
/// desired state does not.
pub const RUNNER_SCHEMAS: [&str; 1] = ["sqitch"];

/// Migration runners' history tables, left out of introspection in whichever schema they
/// are (a runner creates its table in the connection's current schema), with their indexes,
/// constraints and owned sequences (`goose_db_version_id_seq`). The one list: `plan`,
/// `generate` and the test oracle all read it.
pub const RUNNER_TABLES: [&str; 8] = [
    "schema_migrations",     // dbmate, golang-migrate
    "alembic_version",       // Alembic
    "flyway_schema_history", // Flyway
    "goose_db_version",      // goose
    "django_migrations",     // Django
    "_prisma_migrations",    // Prisma
    "databasechangelog",     // Liquibase
    "databasechangeloglock", // Liquibase
];

/// The schemas introspection always leaves out: schemadiff's and the runners'.
pub fn never_introspected_schemas() -> impl Iterator<Item = &'static str> {
    UNMANAGED_SCHEMAS.into_iter().chain(RUNNER_SCHEMAS)
}

/// Remove the runners' history tables ([`RUNNER_TABLES`]) and the sequences they own from a
/// catalog. Their indexes, constraints and triggers live inside the table; nothing of the
/// managed schema depends on them.
pub fn strip_runner_tables(catalog: &mut crate::model::Catalog) {
    let is_runner =
        |name: &crate::model::QualifiedName| RUNNER_TABLES.contains(&name.name.as_str());
    catalog.tables.retain(|n, _| !is_runner(n));
    catalog
        .sequences
        .retain(|_, s| !s.owned_by.as_ref().is_some_and(|(t, _)| is_runner(t)));
}

/// The backup registry: one row per table in [`BACKUP_SCHEMA`]. Idempotent.
pub const BACKUPS_DDL: &str = "CREATE SCHEMA IF NOT EXISTS schemadiff;
CREATE TABLE IF NOT EXISTS schemadiff.backups (
  backup text PRIMARY KEY,            -- table name inside schemadiff_backup
  kind text NOT NULL,                 -- 'column' or 'table'
  source_schema text NOT NULL, source_table text NOT NULL, source_column text,  -- NULL for kind 'table'
  key_columns text[] NOT NULL DEFAULT '{}',
  plan text NOT NULL,                 -- short plan id
  created_at timestamptz NOT NULL DEFAULT now());";

/// Backfill progress, one row per backfill. Needs [`STATE_SCHEMA`] (created by
/// [`BACKUPS_DDL`]). Idempotent.
pub const BACKFILLS_DDL: &str = "CREATE TABLE IF NOT EXISTS schemadiff.backfills (
  id text PRIMARY KEY, relation text NOT NULL, last_key text[], rows_done bigint NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz, finished_at timestamptz);";

/// The schema the backups go into. Idempotent.
pub const BACKUP_SCHEMA_DDL: &str = "CREATE SCHEMA IF NOT EXISTS schemadiff_backup;";

/// The registry table, qualified.
pub const BACKUPS_TABLE: &str = "schemadiff.backups";

/// The backfill progress table, qualified.
pub const BACKFILLS_TABLE: &str = "schemadiff.backfills";

/// One registered backup, with its table's current size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Backup {
    /// The table's name inside [`BACKUP_SCHEMA`].
    pub backup: String,
    /// `column` or `table`.
    pub kind: String,
    pub source_schema: String,
    pub source_table: String,
    /// The dropped column; `None` for a dropped table.
    pub source_column: Option<String>,
    pub key_columns: Vec<String>,
    /// The short id of the plan that made it.
    pub plan: String,
    /// RFC 3339, UTC (`2026-12-01T12:32:47Z`).
    pub created_at: String,
    /// `pg_total_relation_size` of the table (of all its partitions when partitioned);
    /// `None` when the table is gone.
    pub size_bytes: Option<i64>,
}

impl Backup {
    /// What was backed up: `schema.table` or `schema.table.column`, quoted where needed.
    pub fn source(&self) -> String {
        let mut s = format!(
            "{}.{}",
            quote_ident(&self.source_schema),
            quote_ident(&self.source_table)
        );
        if let Some(c) = &self.source_column {
            s.push('.');
            s.push_str(&quote_ident(c));
        }
        s
    }

    /// The backup table, qualified and quoted.
    pub fn table(&self) -> String {
        backup_table(&self.backup)
    }
}

/// `schemadiff_backup.<name>`, quoted where needed.
pub fn backup_table(name: &str) -> String {
    format!("{}.{}", quote_ident(BACKUP_SCHEMA), quote_ident(name))
}

const LIST_SQL: &str = "
SELECT b.backup, b.kind, b.source_schema, b.source_table, b.source_column,
       b.key_columns::text[],
       b.plan, to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
       CASE WHEN c.relkind = 'p' THEN
            (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0)::int8
               FROM pg_partition_tree(c.oid) t)
       ELSE pg_total_relation_size(c.oid) END
  FROM schemadiff.backups b
  LEFT JOIN (pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = $1)
    ON c.relname = b.backup
 WHERE $2::float8 IS NULL OR b.created_at < now() - $2::float8 * interval '1 millisecond'
 ORDER BY b.created_at, b.backup";

/// Whether the registry table exists.
pub async fn has_registry(client: &impl GenericClient) -> Result<bool, tokio_postgres::Error> {
    let row = client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&BACKUPS_TABLE])
        .await?;
    Ok(row.get(0))
}

/// The registered backups, oldest first; with `older_than_ms`, only those created longer ago
/// than that. `None` when there is no registry (no backup was ever made).
pub async fn backups(
    client: &impl GenericClient,
    older_than_ms: Option<u64>,
) -> Result<Option<Vec<Backup>>, tokio_postgres::Error> {
    if !has_registry(client).await? {
        return Ok(None);
    }
    let older = older_than_ms.map(|ms| ms as f64);
    let rows = client.query(LIST_SQL, &[&BACKUP_SCHEMA, &older]).await?;
    Ok(Some(
        rows.iter()
            .map(|r| Backup {
                backup: r.get(0),
                kind: r.get(1),
                source_schema: r.get(2),
                source_table: r.get(3),
                source_column: r.get(4),
                key_columns: r.get(5),
                plan: r.get(6),
                created_at: r.get(7),
                size_bytes: r.get(8),
            })
            .collect(),
    ))
}

/// What [`purge`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purged {
    /// The table was dropped and its registry row removed.
    Dropped,
    /// The table was already gone; its registry row was removed.
    TableMissing,
    /// The registry row was already gone (another purge); nothing was done.
    Unregistered,
}

/// Drop one backup table and its registry row, in one transaction under `lock_timeout`
/// (milliseconds), so a backup that is in use makes this fail instead of queueing writers.
/// Without `CASCADE`: whatever still depends on the table makes the drop fail.
pub async fn purge(
    client: &mut Client,
    backup: &str,
    lock_timeout_ms: u64,
) -> Result<Purged, tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.batch_execute(&format!("SET LOCAL lock_timeout = '{lock_timeout_ms}ms'"))
        .await?;
    let registered = tx
        .query_opt(
            "SELECT 1 FROM schemadiff.backups WHERE backup = $1 FOR UPDATE",
            &[&backup],
        )
        .await?
        .is_some();
    if !registered {
        tx.commit().await?;
        return Ok(Purged::Unregistered);
    }
    let exists = tx
        .query_opt(
            "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = $1 AND c.relname = $2",
            &[&BACKUP_SCHEMA, &backup],
        )
        .await?
        .is_some();
    if exists {
        tx.batch_execute(&format!("DROP TABLE {}", backup_table(backup)))
            .await?;
    }
    tx.execute(
        "DELETE FROM schemadiff.backups WHERE backup = $1",
        &[&backup],
    )
    .await?;
    tx.commit().await?;
    Ok(if exists {
        Purged::Dropped
    } else {
        Purged::TableMissing
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ddl_names_the_constants() {
        assert!(BACKUPS_DDL.starts_with(&format!("CREATE SCHEMA IF NOT EXISTS {STATE_SCHEMA};")));
        assert!(BACKUPS_DDL.contains(&format!("CREATE TABLE IF NOT EXISTS {BACKUPS_TABLE} (")));
        assert!(BACKFILLS_DDL.contains(&format!("CREATE TABLE IF NOT EXISTS {BACKFILLS_TABLE} (")));
        assert!(BACKUPS_TABLE.starts_with(&format!("{STATE_SCHEMA}.")));
        assert!(BACKFILLS_TABLE.starts_with(&format!("{STATE_SCHEMA}.")));
        assert_eq!(
            BACKUP_SCHEMA_DDL,
            format!("CREATE SCHEMA IF NOT EXISTS {BACKUP_SCHEMA};")
        );
        assert_eq!(UNMANAGED_SCHEMAS, ["schemadiff", "schemadiff_backup"]);
    }

    #[test]
    fn sources_and_tables_are_quoted() {
        let b = Backup {
            backup: "Users_legacy_1".into(),
            kind: "column".into(),
            source_schema: "public".into(),
            source_table: "Users".into(),
            source_column: Some("legacy".into()),
            key_columns: vec!["id".into()],
            plan: "a1b2c3".into(),
            created_at: "2026-12-01T12:00:00Z".into(),
            size_bytes: Some(8192),
        };
        assert_eq!(b.source(), "public.\"Users\".legacy");
        assert_eq!(b.table(), "schemadiff_backup.\"Users_legacy_1\"");
        let t = Backup {
            source_column: None,
            ..b
        };
        assert_eq!(t.source(), "public.\"Users\"");
    }
}
