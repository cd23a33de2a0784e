CREATE TYPE address AS (street text, city text);
CREATE TYPE person AS (name text, home address, work address);
