CREATE TABLE t (x float8);
-- ordered-set: a direct argument and ORDER BY, a final function taking extra arguments
CREATE FUNCTION nth_step(acc float8[], v float8) RETURNS float8[]
  LANGUAGE sql IMMUTABLE AS $$ SELECT acc || v $$;
CREATE FUNCTION nth_final(acc float8[], n int, v float8) RETURNS float8
  LANGUAGE sql IMMUTABLE AS $$ SELECT acc[n] $$;
CREATE AGGREGATE nth_value_of(n int ORDER BY v float8) (
  SFUNC = nth_step, STYPE = float8[], INITCOND = '{}',
  FINALFUNC = nth_final, FINALFUNC_EXTRA, FINALFUNC_MODIFY = READ_ONLY);
-- hypothetical-set, like rank()
CREATE FUNCTION below_step(acc int, v float8) RETURNS int
  LANGUAGE sql IMMUTABLE AS $$ SELECT acc + 1 $$;
CREATE FUNCTION below_final(acc int, h float8, v float8) RETURNS int
  LANGUAGE sql IMMUTABLE AS $$ SELECT acc $$;
CREATE AGGREGATE rank_of(h float8 ORDER BY v float8) (
  SFUNC = below_step, STYPE = int, INITCOND = '0',
  FINALFUNC = below_final, FINALFUNC_EXTRA, HYPOTHETICAL);
-- moving-aggregate support, a sort operator, parallel safe with a combine function
CREATE AGGREGATE running_sum(int) (
  SFUNC = int4pl, STYPE = int, COMBINEFUNC = int4pl, PARALLEL = SAFE,
  MSFUNC = int4pl, MINVFUNC = int4mi, MSTYPE = int, MINITCOND = '0');
CREATE AGGREGATE my_max(int) (SFUNC = int4larger, STYPE = int, SORTOP = >, COMBINEFUNC = int4larger);
-- no arguments at all
CREATE FUNCTION tick(acc bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT acc + 1 $$;
CREATE AGGREGATE ticks(*) (SFUNC = tick, STYPE = bigint, INITCOND = '0');
COMMENT ON AGGREGATE ticks(*) IS 'counts rows';
