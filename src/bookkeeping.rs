//! schemadiff's own state in the database: backfill progress and the registry of backups
//! (schema `schemadiff`), and the backups themselves (schema `schemadiff_backup`). Never
//! part of the schema being managed.

pub const STATE_SCHEMA: &str = "schemadiff";
pub const BACKUP_SCHEMA: &str = "schemadiff_backup";

/// The state schema and its tables, created on first use by any plan that needs them.
pub const STATE_DDL: &str = "CREATE SCHEMA IF NOT EXISTS schemadiff;
CREATE TABLE IF NOT EXISTS schemadiff.backfills (
  id text PRIMARY KEY, relation text NOT NULL, last_key text[], rows_done bigint NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz, finished_at timestamptz);
CREATE TABLE IF NOT EXISTS schemadiff.backups (
  backup text PRIMARY KEY,
  kind text NOT NULL,
  source_schema text NOT NULL, source_table text NOT NULL, source_column text,
  key_columns text[] NOT NULL DEFAULT '{}',
  plan text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now());
CREATE SCHEMA IF NOT EXISTS schemadiff_backup";
