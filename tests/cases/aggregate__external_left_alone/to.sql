-- Someone else owns the aggregate: loaded for the view that uses it, never planned.
-- schemadiff:external
CREATE AGGREGATE shared_sum(int) (SFUNC = int4pl, STYPE = int);
CREATE TABLE t (x int);
CREATE VIEW totals AS SELECT shared_sum(x) AS total FROM t;
