CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
GRANT EXECUTE ON FUNCTION add_one(int) TO schemadiff_reader;
