CREATE TABLE log_lines (
  at timestamptz NOT NULL,
  line text,
  -- schemadiff:backfill using="length(line)"
  len integer
);
