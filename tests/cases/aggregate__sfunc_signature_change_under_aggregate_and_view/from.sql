CREATE TABLE t (x int);
CREATE FUNCTION step(acc int, x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT acc + x $$;
CREATE AGGREGATE total(int) (SFUNC = step, STYPE = int, INITCOND = '0');
CREATE VIEW sums AS SELECT total(x) AS s FROM t;
