CREATE EXTENSION pgcrypto;
CREATE TEXT SEARCH CONFIGURATION public.plain (COPY = pg_catalog.simple);
CREATE TABLE docs (id integer PRIMARY KEY, body text);
CREATE INDEX docs_body_idx ON docs USING gin (to_tsvector('public.plain', body));
