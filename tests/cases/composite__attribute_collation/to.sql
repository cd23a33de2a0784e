CREATE TYPE address AS (street text, city text, zip text COLLATE "C");
