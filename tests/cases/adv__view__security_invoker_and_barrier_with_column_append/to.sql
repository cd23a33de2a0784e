CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE VIEW tv WITH (security_invoker = true, security_barrier = false) AS SELECT id, a, b FROM t WHERE a > 0 WITH CASCADED CHECK OPTION;
