CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);
GRANT INSERT (id, name), REFERENCES (id) ON people TO schemadiff_writer;
