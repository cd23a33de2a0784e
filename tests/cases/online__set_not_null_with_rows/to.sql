CREATE TABLE t (id integer, a text NOT NULL, b text NOT NULL);
CREATE INDEX t_a_idx ON t (a);
