CREATE TABLE t (x numeric);
CREATE FUNCTION avg_step(acc numeric[], x numeric) RETURNS numeric[]
  LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY[acc[1] + x, acc[2] + 1] $$;
CREATE FUNCTION avg_final(acc numeric[]) RETURNS numeric[]
  LANGUAGE sql IMMUTABLE AS $$ SELECT acc $$;
CREATE AGGREGATE my_avg(numeric) (SFUNC = avg_step, STYPE = numeric[], FINALFUNC = avg_final,
  INITCOND = '{10,1}', PARALLEL = RESTRICTED);
