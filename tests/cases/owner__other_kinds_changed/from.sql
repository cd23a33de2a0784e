CREATE TABLE t (a integer, b integer);
CREATE STATISTICS t_ab ON a, b FROM t;
ALTER STATISTICS t_ab OWNER TO schemadiff_reader;
CREATE COLLATION c (provider = icu, locale = 'und');
CREATE PUBLICATION pub FOR TABLE t;
ALTER PUBLICATION pub OWNER TO schemadiff_reader;
CREATE FUNCTION add2(integer, integer) RETURNS integer LANGUAGE sql AS 'SELECT $1 + $2';
CREATE AGGREGATE total(integer) (sfunc = add2, stype = integer, initcond = '0');
