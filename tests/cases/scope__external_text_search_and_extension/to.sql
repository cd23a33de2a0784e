-- An unmanaged kind and an extension someone else installs: loaded for the statements that
-- use them, never planned.
-- schemadiff:external
CREATE TEXT SEARCH CONFIGURATION public.plain (COPY = pg_catalog.simple);
-- schemadiff:external
CREATE EXTENSION pgcrypto;
CREATE TABLE docs (
  id integer PRIMARY KEY,
  body text,
  token bytea DEFAULT gen_random_bytes(16),
  title text
);
CREATE INDEX docs_body_idx ON docs USING gin (to_tsvector('public.plain', body));
CREATE INDEX docs_title_idx ON docs USING gin (to_tsvector('public.plain', title));
