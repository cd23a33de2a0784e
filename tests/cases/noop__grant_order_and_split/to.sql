CREATE TABLE t (id int);
GRANT SELECT ON t TO schemadiff_reader;
GRANT INSERT ON t TO schemadiff_writer;
GRANT SELECT ON t TO schemadiff_writer;
