CREATE FUNCTION add_one(x int, step int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + step $$;
