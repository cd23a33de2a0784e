CREATE TABLE log_lines (
  at timestamptz NOT NULL,
  line text
);
