CREATE TABLE t (id integer PRIMARY KEY, v varchar(20));
