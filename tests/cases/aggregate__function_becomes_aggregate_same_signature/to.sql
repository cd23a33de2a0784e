CREATE AGGREGATE total(x int) (SFUNC = int4pl, STYPE = int);
COMMENT ON AGGREGATE total(int) IS 'now an aggregate';
