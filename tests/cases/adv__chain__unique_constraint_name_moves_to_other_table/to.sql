CREATE TABLE t1 (id int, v int);
CREATE TABLE t2 (id int, v int, CONSTRAINT uniq_v UNIQUE (v));
