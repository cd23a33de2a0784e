CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
COMMENT ON FUNCTION add_one(int) IS 'adds one';
