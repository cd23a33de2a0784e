CREATE FUNCTION base_rate() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 7 $$;
CREATE VIEW rate_view AS SELECT base_rate() AS base;
