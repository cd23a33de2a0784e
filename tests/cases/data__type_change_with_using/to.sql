CREATE TABLE ev (
  id integer PRIMARY KEY,
  -- schemadiff:backfill using="to_timestamp(at)" reverse="extract(epoch FROM at)::bigint"
  at timestamptz NOT NULL
);
