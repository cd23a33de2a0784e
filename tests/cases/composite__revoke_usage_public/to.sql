CREATE TYPE address AS (street text, city text);
REVOKE USAGE ON TYPE address FROM PUBLIC;
