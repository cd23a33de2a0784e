CREATE SCHEMA util;
CREATE FUNCTION util.clamp(x int, lo int, hi int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(lo, least(hi, x)) $$;
