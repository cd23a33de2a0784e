//! The scenarios: one schema change each, as data. A scenario is the schema as it is (`from`),
//! the desired-state file a user would write (`to`), and a check that the change really
//! happened. Append to `ONLINE` or `DATA` (in `scenarios_data.rs`) to add one.
//!
//! Every `from` holds `owners` (1,000 rows) and `accounts` (`--rows` rows) with the same
//! columns, so one load statement fills them all; the writers only touch `balance` and
//! `updated_at` (and, with `--insert-percent`, insert rows naming columns no scenario drops).

/// One schema change to measure.
pub struct Scenario {
    pub name: &'static str,
    /// The issue whose planner work makes this scenario pass (6: online recipes, 7: data).
    pub issue: u32,
    /// The schema before the change, without data. Scenarios with the same `from` share a
    /// template database, so it is loaded once.
    pub from: &'static str,
    /// The desired state, as the file `schemadiff plan --to` reads.
    pub to: &'static str,
    /// What must be true afterwards.
    pub check: Check,
}

/// What a scenario's migration must have done, checked after the writers have stopped.
pub enum Check {
    /// An index with this name whose definition ends with `def` (e.g. `(a, b)`), valid.
    Index {
        name: &'static str,
        def: &'static str,
    },
    /// A constraint on `accounts` with this name and `pg_get_constraintdef`, validated, its
    /// index (if any) valid.
    Constraint {
        name: &'static str,
        def: &'static str,
    },
    /// `accounts.<column>` is NOT NULL.
    NotNull { column: &'static str },
    /// A query returning one row `(ok boolean, found text)`; `{rows}` is replaced by the
    /// number of loaded rows (rows the writers inserted have larger ids).
    Sql(&'static str),
}

impl Check {
    /// The query: one row, `(ok boolean, found text)`.
    pub fn sql(&self, rows: u64) -> String {
        match self {
            Check::Index { name, def } => format!(
                "SELECT coalesce(bool_and(i.indisvalid AND i.indisready \
                   AND pg_get_indexdef(i.indexrelid) LIKE '%{def}'), false), \
                   coalesce(string_agg(pg_get_indexdef(i.indexrelid) \
                   || CASE WHEN i.indisvalid THEN '' ELSE ' (INVALID)' END, '; '), 'no index {name}') \
                 FROM pg_index i WHERE i.indexrelid = to_regclass('public.{name}')"
            ),
            Check::Constraint { name, def } => format!(
                "SELECT coalesce(bool_and(c.convalidated AND coalesce(i.indisvalid, true) \
                   AND pg_get_constraintdef(c.oid) = '{def}'), false), \
                   coalesce(string_agg(pg_get_constraintdef(c.oid) \
                   || CASE WHEN c.convalidated THEN '' ELSE ' NOT VALID' END, '; '), 'no constraint {name}') \
                 FROM pg_constraint c LEFT JOIN pg_index i ON i.indexrelid = c.conindid \
                 WHERE c.conrelid = 'public.accounts'::regclass AND c.conname = '{name}'"
            ),
            Check::NotNull { column } => format!(
                "SELECT coalesce(bool_and(attnotnull), false), \
                   coalesce(string_agg(CASE WHEN attnotnull THEN '{column} NOT NULL' \
                   ELSE '{column} nullable' END, ''), 'no column {column}') \
                 FROM pg_attribute WHERE attrelid = 'public.accounts'::regclass \
                   AND attname = '{column}' AND NOT attisdropped"
            ),
            Check::Sql(sql) => sql.replace("{rows}", &rows.to_string()),
        }
    }
}

/// Checks every scenario gets: nothing left half-done on `accounts`.
pub const LEFTOVERS: &str = "SELECT \
      (SELECT count(*) FROM pg_index WHERE indrelid = 'public.accounts'::regclass \
         AND NOT (indisvalid AND indisready)) = 0 \
  AND (SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.accounts'::regclass \
         AND NOT convalidated) = 0, \
  'invalid indexes: ' || (SELECT count(*) FROM pg_index \
       WHERE indrelid = 'public.accounts'::regclass AND NOT (indisvalid AND indisready)) \
  || ', NOT VALID constraints: ' || (SELECT count(*) FROM pg_constraint \
       WHERE conrelid = 'public.accounts'::regclass AND NOT convalidated)";

/// Fills `owners` and `accounts` (run after a scenario's `from`); `{rows}` is the row count.
/// Every value is a function of the id, so checks can verify every row.
pub const LOAD: &str = "\
INSERT INTO owners (id, name) SELECT g, 'owner ' || g FROM generate_series(1, 1000) g;
INSERT INTO accounts (id, owner_id, a, b, email, name, note, points)
SELECT g, 1 + g % 1000, g % 100000, g % 1000, 'user' || g || '@example.com',
       'First' || g || ' Last' || g, 'note ' || g, g % 100000
FROM generate_series(1, {rows}) g;
";

/// The usual starting point: `accounts` with a bigint primary key and an index on `a`.
pub const BASE: &str = "\
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
";

/// `accounts` without a primary key; the writers find rows through a plain index on `id`.
pub const NO_PK: &str = "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id bigint NOT NULL,
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
CREATE INDEX accounts_id_idx ON accounts (id);
";

/// Issue 6: changes that need no data movement, only the right locks.
pub const ONLINE: &[Scenario] = &[
    Scenario {
        name: "add-index",
        issue: 6,
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
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_a_idx ON accounts (a);
CREATE INDEX accounts_b_idx ON accounts (b);
",
        check: Check::Index {
            name: "accounts_b_idx",
            def: "(b)",
        },
    },
    Scenario {
        name: "add-unique-constraint",
        issue: 6,
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
  CONSTRAINT accounts_email_key UNIQUE (email)
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::Constraint {
            name: "accounts_email_key",
            def: "UNIQUE (email)",
        },
    },
    Scenario {
        name: "add-primary-key",
        issue: 6,
        from: NO_PK,
        to: "\
CREATE TABLE owners (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE accounts (
  id bigint NOT NULL,
  owner_id bigint NOT NULL,
  a integer NOT NULL,
  b integer NOT NULL,
  email text,
  balance bigint NOT NULL DEFAULT 0,
  name text,
  note text,
  points integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT accounts_pkey PRIMARY KEY (id)
);
CREATE INDEX accounts_a_idx ON accounts (a);
CREATE INDEX accounts_id_idx ON accounts (id);
",
        check: Check::Constraint {
            name: "accounts_pkey",
            def: "PRIMARY KEY (id)",
        },
    },
    Scenario {
        name: "add-foreign-key",
        issue: 6,
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
  CONSTRAINT accounts_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owners (id)
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::Constraint {
            name: "accounts_owner_id_fkey",
            def: "FOREIGN KEY (owner_id) REFERENCES owners(id)",
        },
    },
    Scenario {
        name: "add-check",
        issue: 6,
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
  CONSTRAINT accounts_balance_check CHECK (balance >= 0)
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::Constraint {
            name: "accounts_balance_check",
            def: "CHECK ((balance >= 0))",
        },
    },
    Scenario {
        name: "set-not-null",
        issue: 6,
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
  email text NOT NULL,
  balance bigint NOT NULL DEFAULT 0,
  name text,
  note text,
  points integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_a_idx ON accounts (a);
",
        check: Check::NotNull { column: "email" },
    },
    Scenario {
        name: "change-index-definition",
        issue: 6,
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
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_a_idx ON accounts (a, b);
",
        check: Check::Index {
            name: "accounts_a_idx",
            def: "(a, b)",
        },
    },
];
