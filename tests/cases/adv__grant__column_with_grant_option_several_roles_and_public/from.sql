CREATE TABLE g (id int PRIMARY KEY, a text, b text, c text);
GRANT SELECT (a) ON g TO schemadiff_reader;
