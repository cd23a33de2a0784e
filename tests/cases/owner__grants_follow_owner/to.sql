CREATE TABLE t (id integer);
ALTER TABLE t OWNER TO schemadiff_writer;
GRANT SELECT ON t TO schemadiff_reader;
CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
ALTER FUNCTION f() OWNER TO schemadiff_writer;
REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION f() TO schemadiff_reader;
