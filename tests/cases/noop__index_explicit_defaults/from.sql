CREATE TABLE t (a int, b text);
CREATE INDEX t_ab ON t (a, b);
