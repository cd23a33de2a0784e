CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql IMMUTABLE SET work_mem = '64MB' AS $$ SELECT x + 1 $$;
