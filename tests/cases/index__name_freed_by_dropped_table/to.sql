-- Found by review: the new index takes a name that the dropped table's index frees only
-- with its table (the part's own drop step is empty).
CREATE TABLE public.a (x int);
CREATE INDEX idx ON public.a (x);
