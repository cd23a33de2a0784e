CREATE TABLE t1 (id int PRIMARY KEY, code text NOT NULL);
