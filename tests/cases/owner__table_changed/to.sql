CREATE TABLE t (id integer PRIMARY KEY, note text);
CREATE INDEX t_note ON t (note);
ALTER TABLE t OWNER TO schemadiff_writer;
