CREATE FUNCTION f(a integer) RETURNS integer LANGUAGE sql AS 'SELECT a + 1';
CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';
ALTER FUNCTION f(integer) OWNER TO schemadiff_writer;
ALTER PROCEDURE p() OWNER TO schemadiff_reader;
