CREATE FUNCTION base_rate() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 7 $$;
CREATE TABLE rates (id int PRIMARY KEY, r numeric NOT NULL DEFAULT base_rate(), CONSTRAINT rates_r_check CHECK (r >= base_rate() - 100));
CREATE VIEW rate_view AS SELECT id, r, base_rate() AS base FROM rates;
