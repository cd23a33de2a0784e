CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, v text);
CREATE SEQUENCE app.s;
CREATE VIEW app.v AS SELECT id FROM app.t;
CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TYPE app.e AS ENUM ('a');
GRANT SELECT ON app.t TO schemadiff_writer;
