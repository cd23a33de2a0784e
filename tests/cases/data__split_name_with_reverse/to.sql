CREATE TABLE people (
  id integer PRIMARY KEY,
  -- schemadiff:backfill using="split_part(name, ' ', 1)" reverse="concat_ws(' ', first_name, last_name)"
  first_name text NOT NULL,
  -- schemadiff:backfill using="split_part(name, ' ', 2)" reverse="concat_ws(' ', first_name, last_name)"
  last_name text NOT NULL
);
