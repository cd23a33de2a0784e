CREATE FUNCTION old_step(acc int, x int) RETURNS int
  LANGUAGE sql IMMUTABLE AS $$ SELECT acc + x $$;
CREATE AGGREGATE total(int) (SFUNC = old_step, STYPE = int, INITCOND = '0');
