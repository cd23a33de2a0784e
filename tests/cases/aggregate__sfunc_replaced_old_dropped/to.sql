CREATE FUNCTION new_step(acc int, x int) RETURNS int
  LANGUAGE sql IMMUTABLE AS $$ SELECT acc + 2 * x $$;
CREATE AGGREGATE total(int) (SFUNC = new_step, STYPE = int, INITCOND = '0');
