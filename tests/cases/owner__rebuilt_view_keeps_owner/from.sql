CREATE TABLE t (a integer);
ALTER TABLE t OWNER TO schemadiff_reader;
CREATE VIEW v AS SELECT a FROM t;
ALTER VIEW v OWNER TO schemadiff_reader;
