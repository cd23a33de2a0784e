CREATE TABLE t1 (id int, v text);
