CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql IMMUTABLE SET work_mem = '128MB' SET statement_timeout = '5s' AS $$ SELECT x + 1 $$;
