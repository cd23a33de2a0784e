CREATE AGGREGATE shared_sum(int) (SFUNC = int4pl, STYPE = int);
CREATE TABLE t (x int);
