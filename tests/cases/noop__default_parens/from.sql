CREATE TABLE t (a int DEFAULT 0, b text DEFAULT 'x');
