//! Issue 7's scenarios: changes that move data (type changes, backfilled and volatile-default
//! columns, renames, splits, drops). The desired files carry the annotations of issue 7
//! (`-- schemadiff:renamed from=...`, `-- schemadiff:backfill using="..."`); today's planner
//! ignores them, so these are expected to fail until that issue is done.

use super::scenarios::{BASE, Check, Scenario};

/// `accounts` with an `integer` primary key (for the int to bigint primary key change).
pub const INT_PK: &str = "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id integer PRIMARY KEY,
  owner_id bigint NOT NULL,
  a integer NOT NULL,
  b integer NOT NULL,
  email text,
  balance bigint NOT NULL DEFAULT 0,
  name text,
  note text,
  points integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_a_idx ON accounts (a);
";

/// The type of `accounts.<column>` as `format_type` prints it, in a check query.
macro_rules! column_type {
    ($column:literal) => {
        concat!(
            "(SELECT format_type(atttypid, atttypmod) FROM pg_attribute \
             WHERE attrelid = 'public.accounts'::regclass AND attname = '",
            $column,
            "' AND NOT attisdropped)"
        )
    };
}

pub const DATA: &[Scenario] = &[
    Scenario {
        name: "int-to-bigint",
        issue: 7,
        from: BASE,
        to: "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  owner_id bigint NOT NULL,
  a integer NOT NULL,
  b integer NOT NULL,
  email text,
  balance bigint NOT NULL DEFAULT 0,
  name text,
  note text,
  points bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::Sql(concat!(
            "SELECT ",
            column_type!("points"),
            " = 'bigint' AND NOT EXISTS (SELECT FROM accounts WHERE points IS DISTINCT FROM id % 100000), \
             'points is ' || coalesce(",
            column_type!("points"),
            ", 'missing')"
        )),
    },
    Scenario {
        name: "int-to-bigint-primary-key",
        issue: 7,
        from: INT_PK,
        to: "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  owner_id bigint NOT NULL,
  a integer NOT NULL,
  b integer NOT NULL,
  email text,
  balance bigint NOT NULL DEFAULT 0,
  name text,
  note text,
  points integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::Sql(concat!(
            "SELECT ",
            column_type!("id"),
            " = 'bigint' AND EXISTS (SELECT FROM pg_constraint WHERE conname = 'accounts_pkey' \
               AND conrelid = 'public.accounts'::regclass AND contype = 'p') \
             AND (SELECT count(*) FROM accounts WHERE id <= {rows}) = {rows}, \
             'id is ' || coalesce(",
            column_type!("id"),
            ", 'missing')"
        )),
    },
    Scenario {
        name: "add-not-null-column-backfilled",
        issue: 7,
        from: BASE,
        to: "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  owner_id bigint NOT NULL,
  a integer NOT NULL,
  b integer NOT NULL,
  email text,
  balance bigint NOT NULL DEFAULT 0,
  name text,
  note text,
  points integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- schemadiff:backfill using=\"'r' || (id % 10)\"
  region text NOT NULL
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::Sql(concat!(
            "SELECT ",
            column_type!("region"),
            " = 'text' \
             AND (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.accounts'::regclass \
                    AND attname = 'region') \
             AND NOT EXISTS (SELECT FROM accounts WHERE id <= {rows} \
                               AND region IS DISTINCT FROM 'r' || (id % 10)), \
             'region is ' || coalesce(",
            column_type!("region"),
            ", 'missing')"
        )),
    },
    Scenario {
        name: "add-volatile-default-column",
        issue: 7,
        from: BASE,
        to: "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  owner_id bigint NOT NULL,
  a integer NOT NULL,
  b integer NOT NULL,
  email text,
  balance bigint NOT NULL DEFAULT 0,
  name text,
  note text,
  points integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  token uuid DEFAULT gen_random_uuid()
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::Sql(concat!(
            "SELECT ",
            column_type!("token"),
            " = 'uuid' AND NOT EXISTS (SELECT FROM accounts WHERE token IS NULL), \
             'token is ' || coalesce(",
            column_type!("token"),
            ", 'missing')"
        )),
    },
    Scenario {
        name: "rename-column",
        issue: 7,
        from: BASE,
        to: "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  owner_id bigint NOT NULL,
  a integer NOT NULL,
  b integer NOT NULL,
  email text,
  balance bigint NOT NULL DEFAULT 0,
  name text,
  -- schemadiff:renamed from=note
  remark text,
  points integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::Sql(concat!(
            "SELECT ",
            column_type!("note"),
            " IS NULL AND ",
            column_type!("remark"),
            " = 'text' \
             AND NOT EXISTS (SELECT FROM accounts WHERE id <= {rows} \
                               AND remark IS DISTINCT FROM 'note ' || id), \
             'note: ' || coalesce(",
            column_type!("note"),
            ", 'gone') || ', remark: ' || coalesce(",
            column_type!("remark"),
            ", 'missing') || ', rows with remark = note: ' \
             || (SELECT count(*) FROM accounts WHERE id <= {rows} AND remark = 'note ' || id)"
        )),
    },
    Scenario {
        name: "split-column",
        issue: 7,
        from: BASE,
        to: "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  owner_id bigint NOT NULL,
  a integer NOT NULL,
  b integer NOT NULL,
  email text,
  balance bigint NOT NULL DEFAULT 0,
  -- schemadiff:backfill using=\"split_part(name, ' ', 1)\"
  first_name text,
  -- schemadiff:backfill using=\"split_part(name, ' ', 2)\"
  last_name text,
  note text,
  points integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::Sql(concat!(
            "SELECT ",
            column_type!("name"),
            " IS NULL AND NOT EXISTS (SELECT FROM accounts WHERE id <= {rows} \
               AND (first_name IS DISTINCT FROM 'First' || id \
                    OR last_name IS DISTINCT FROM 'Last' || id)), \
             'rows split right: ' || (SELECT count(*) FROM accounts WHERE id <= {rows} \
               AND first_name = 'First' || id AND last_name = 'Last' || id)"
        )),
    },
    Scenario {
        name: "drop-column",
        issue: 7,
        from: BASE,
        to: "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  owner_id bigint NOT NULL,
  a integer NOT NULL,
  b integer NOT NULL,
  email text,
  balance bigint NOT NULL DEFAULT 0,
  name text,
  points integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        // Issue 7: the dropped values are kept in a table of schema `schemadiff_backup`.
        check: Check::Sql(concat!(
            "SELECT ",
            column_type!("note"),
            " IS NULL AND EXISTS (SELECT FROM pg_class c JOIN pg_namespace n \
               ON n.oid = c.relnamespace WHERE n.nspname = 'schemadiff_backup' \
               AND c.relname LIKE '%accounts%'), \
             'note: ' || coalesce(",
            column_type!("note"),
            ", 'gone') || ', backup tables: ' || (SELECT count(*) FROM pg_class c \
               JOIN pg_namespace n ON n.oid = c.relnamespace \
               WHERE n.nspname = 'schemadiff_backup')"
        )),
    },
];
