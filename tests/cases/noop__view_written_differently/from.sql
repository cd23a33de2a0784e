CREATE TABLE t (id int, v int);
CREATE VIEW w AS SELECT id, v FROM t WHERE v IN (1, 2) AND id > 0;
