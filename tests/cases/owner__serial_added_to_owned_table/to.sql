CREATE TABLE t (id integer, n serial);
ALTER TABLE t OWNER TO schemadiff_reader;
