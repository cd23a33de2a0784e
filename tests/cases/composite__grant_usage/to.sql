CREATE TYPE address AS (street text, city text);
GRANT USAGE ON TYPE address TO schemadiff_reader;
