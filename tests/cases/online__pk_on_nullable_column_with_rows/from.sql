CREATE TABLE t (id integer, v text);
