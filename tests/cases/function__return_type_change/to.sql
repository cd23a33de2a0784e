CREATE FUNCTION add_one(x int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x::bigint + 1 $$;
