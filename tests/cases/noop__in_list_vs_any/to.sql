CREATE TABLE t (s text CONSTRAINT t_s_check CHECK (s = ANY (ARRAY['a'::text, 'b'::text])));
