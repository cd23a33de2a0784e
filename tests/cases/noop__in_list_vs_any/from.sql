CREATE TABLE t (s text CHECK (s IN ('a', 'b')));
