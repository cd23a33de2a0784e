CREATE TABLE t (id int);
GRANT ALL ON t TO schemadiff_writer;
