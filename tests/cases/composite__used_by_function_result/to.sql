CREATE TYPE address AS (street text, city text);
CREATE FUNCTION home() RETURNS address LANGUAGE sql IMMUTABLE AS $$ SELECT ROW('1 Road', 'Town')::address $$;
