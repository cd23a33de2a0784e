CREATE TABLE t (a integer, b bigint, c smallint, d double precision, e boolean, f numeric(10,2), g real);
