CREATE TYPE span AS RANGE (subtype = integer);
CREATE TABLE t (id int, s span);
