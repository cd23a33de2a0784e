CREATE TABLE t (id integer NOT NULL, a text, b text);
