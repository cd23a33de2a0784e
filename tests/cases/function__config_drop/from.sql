CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql IMMUTABLE SET search_path = public AS $$ SELECT x + 1 $$;
