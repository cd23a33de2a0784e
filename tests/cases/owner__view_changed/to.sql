CREATE TABLE t (id integer);
CREATE VIEW v AS SELECT id FROM t;
ALTER VIEW v OWNER TO schemadiff_writer;
