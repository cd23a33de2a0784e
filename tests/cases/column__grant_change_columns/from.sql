CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);
GRANT SELECT (id) ON people TO schemadiff_reader;
