CREATE TABLE t (id integer);
ALTER TABLE t OWNER TO schemadiff_no_such_role;
