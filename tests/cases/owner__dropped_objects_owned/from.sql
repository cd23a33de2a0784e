CREATE TABLE t (id integer);
ALTER TABLE t OWNER TO schemadiff_reader;
CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
ALTER FUNCTION f() OWNER TO schemadiff_writer;
CREATE TYPE mood AS ENUM ('sad');
ALTER TYPE mood OWNER TO schemadiff_reader;
