CREATE TABLE t (id integer NOT NULL, a text, b text, CONSTRAINT t_a_key UNIQUE NULLS NOT DISTINCT (a) INCLUDE (b) WITH (fillfactor = 70));
