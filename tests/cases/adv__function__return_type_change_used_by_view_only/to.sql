CREATE FUNCTION base_rate() RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT 7.5 $$;
CREATE VIEW rate_view AS SELECT base_rate() AS base;
