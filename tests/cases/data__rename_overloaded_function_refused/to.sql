-- schemadiff:renamed from=area
CREATE FUNCTION surface(r double precision) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$ SELECT pi() * r * r $$;
CREATE FUNCTION surface(w double precision, h double precision) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$ SELECT w * h $$;
