CREATE FUNCTION total(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x $$;
COMMENT ON FUNCTION total(int) IS 'a plain function';
