CREATE TABLE settings (
  id integer PRIMARY KEY,
  -- schemadiff:backfill using="body::jsonb" reverse="body::text"
  body jsonb NOT NULL
);
CREATE INDEX settings_body ON settings (body);
