CREATE TABLE t (a int, b int, c int);
GRANT SELECT (c, a), UPDATE (b) ON t TO schemadiff_reader;
GRANT INSERT (a, b, c) ON t TO schemadiff_writer;
