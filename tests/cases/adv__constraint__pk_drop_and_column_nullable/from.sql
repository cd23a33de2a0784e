CREATE TABLE t1 (id int PRIMARY KEY, v text);
