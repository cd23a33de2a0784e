CREATE TABLE t1 (id int, v int, CONSTRAINT t1_v_key UNIQUE (v));
