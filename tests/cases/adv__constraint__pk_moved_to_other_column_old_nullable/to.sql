CREATE TABLE t1 (id int, code text PRIMARY KEY);
