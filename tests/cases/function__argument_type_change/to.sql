CREATE FUNCTION add_one(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
