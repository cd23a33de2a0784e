CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);
GRANT SELECT (id, name) ON people TO schemadiff_reader;
