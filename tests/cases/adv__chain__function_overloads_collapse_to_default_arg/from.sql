CREATE FUNCTION add1(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + 1 $$;
CREATE FUNCTION add1(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;
CREATE VIEW add_v AS SELECT add1(1) AS one, add1(1, 2) AS three;
