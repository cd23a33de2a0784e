CREATE TABLE t (id integer, a text, b text);
