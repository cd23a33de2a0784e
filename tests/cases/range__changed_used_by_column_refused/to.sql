CREATE TYPE span AS RANGE (subtype = bigint);
CREATE TABLE t (id int, s span);
