CREATE TABLE t1 (id int, v int);
CREATE TABLE t2 (id int, v int);
CREATE INDEX by_v ON t1 (v);
