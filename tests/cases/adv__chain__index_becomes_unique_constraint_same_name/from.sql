CREATE TABLE t1 (id int, v int);
CREATE UNIQUE INDEX t1_v_key ON t1 (v);
