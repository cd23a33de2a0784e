CREATE TABLE t (a varchar(10), b char(2), c timestamptz, d timestamp, e time);
