CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, v text);
CREATE SEQUENCE app.s;
CREATE VIEW app.v AS SELECT id FROM app.t;
CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TYPE app.e AS ENUM ('a');
CREATE MATERIALIZED VIEW app.mv AS SELECT id, v FROM app.t;
GRANT SELECT ON app.mv TO schemadiff_reader;
GRANT SELECT (id) ON app.t TO schemadiff_writer;
