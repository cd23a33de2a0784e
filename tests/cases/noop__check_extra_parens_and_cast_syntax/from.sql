CREATE TABLE t (a int, b bigint, CONSTRAINT t_c CHECK (((a > 0) AND (b > 0))), CONSTRAINT t_d CHECK (b::int < 10));
