CREATE FUNCTION add_one(x int, step int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + step $$;
