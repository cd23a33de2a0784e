CREATE EXTENSION bloom;
CREATE TABLE t (a int, b int);
CREATE INDEX t_bloom ON t USING bloom (a, b);
