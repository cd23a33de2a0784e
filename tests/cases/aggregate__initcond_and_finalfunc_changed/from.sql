CREATE TABLE t (x numeric);
CREATE FUNCTION avg_step(acc numeric[], x numeric) RETURNS numeric[]
  LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY[acc[1] + x, acc[2] + 1] $$;
CREATE FUNCTION avg_final(acc numeric[]) RETURNS numeric
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN acc[2] = 0 THEN NULL ELSE acc[1] / acc[2] END $$;
CREATE AGGREGATE my_avg(numeric) (SFUNC = avg_step, STYPE = numeric[], INITCOND = '{0,0}');
