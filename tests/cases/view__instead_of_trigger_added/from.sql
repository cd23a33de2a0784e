CREATE TABLE t (id int PRIMARY KEY, v text);
CREATE VIEW vt AS SELECT id, upper(v) AS v FROM t;
