CREATE TABLE t (a integer, b integer);
CREATE STATISTICS t_ab ON a, b FROM t;
ALTER STATISTICS t_ab OWNER TO schemadiff_writer;
CREATE COLLATION c (provider = icu, locale = 'und');
ALTER COLLATION c OWNER TO schemadiff_reader;
CREATE PUBLICATION pub FOR TABLE t;
CREATE FUNCTION add2(integer, integer) RETURNS integer LANGUAGE sql AS 'SELECT $1 + $2';
CREATE AGGREGATE total(integer) (sfunc = add2, stype = integer, initcond = '0');
ALTER AGGREGATE total(integer) OWNER TO schemadiff_writer;
