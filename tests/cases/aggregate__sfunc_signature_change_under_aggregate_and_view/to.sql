CREATE TABLE t (x int);
CREATE FUNCTION step(acc bigint, x int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT acc + x $$;
CREATE AGGREGATE total(int) (SFUNC = step, STYPE = bigint, INITCOND = '0');
CREATE VIEW sums AS SELECT total(x) AS s FROM t;
