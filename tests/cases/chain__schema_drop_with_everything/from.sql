CREATE SCHEMA old;
CREATE TYPE old.kind AS ENUM ('a', 'b');
CREATE TABLE old.things (id int PRIMARY KEY, k old.kind);
CREATE VIEW old.thing_ids AS SELECT id FROM old.things;
CREATE FUNCTION old.n() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM old.things $$;
