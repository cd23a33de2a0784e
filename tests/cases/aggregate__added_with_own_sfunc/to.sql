CREATE TABLE t (x int);
CREATE FUNCTION sum_squares_step(acc bigint, x int) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$ SELECT acc + x * x $$;
CREATE AGGREGATE sum_squares(int) (SFUNC = sum_squares_step, STYPE = bigint, INITCOND = '0');
COMMENT ON AGGREGATE sum_squares(int) IS 'sum of x*x';
REVOKE ALL ON FUNCTION sum_squares(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sum_squares(int) TO schemadiff_reader;
