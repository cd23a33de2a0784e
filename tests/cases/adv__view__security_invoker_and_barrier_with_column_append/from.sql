CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE VIEW tv WITH (security_barrier = true) AS SELECT id, a FROM t WHERE a > 0 WITH CHECK OPTION;
