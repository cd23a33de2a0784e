CREATE TABLE t1 (id int);
CREATE TABLE t2 (id int NOT NULL);
CREATE UNIQUE INDEX main_key ON t2 (id);
