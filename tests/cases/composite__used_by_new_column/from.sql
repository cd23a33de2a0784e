CREATE TYPE address AS (street text, city text);
CREATE TABLE sites (id int PRIMARY KEY);
