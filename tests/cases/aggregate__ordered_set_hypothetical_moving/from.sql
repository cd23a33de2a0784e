CREATE TABLE t (x float8);
