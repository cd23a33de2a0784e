CREATE FUNCTION base_rate() RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT 7.5 $$;
CREATE TABLE rates (id int PRIMARY KEY, r numeric NOT NULL DEFAULT base_rate());
