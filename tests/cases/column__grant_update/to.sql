CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);
GRANT UPDATE (name) ON people TO schemadiff_writer;
