CREATE TABLE g (id int PRIMARY KEY, a text);
GRANT SELECT (a) ON g TO schemadiff_reader WITH GRANT OPTION;
GRANT UPDATE (a) ON g TO schemadiff_reader;
