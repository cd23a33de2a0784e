-- Found by review: the identity step took the name t_id_seq while the standalone sequence
-- holding it was dropped only later (the identity had t_id_seq1).
CREATE TABLE public.t (id int GENERATED ALWAYS AS IDENTITY);
