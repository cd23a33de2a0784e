CREATE TABLE g (id int PRIMARY KEY, a text, b text, c text);
GRANT SELECT (a, b) ON g TO schemadiff_reader WITH GRANT OPTION;
GRANT UPDATE (c), INSERT (a, c), REFERENCES (id) ON g TO schemadiff_writer WITH GRANT OPTION;
GRANT SELECT (id) ON g TO PUBLIC;
GRANT SELECT ON g TO schemadiff_writer;
