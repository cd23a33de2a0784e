CREATE TABLE t (a character varying(10), b character(2), c timestamp with time zone, d timestamp without time zone, e time without time zone);
