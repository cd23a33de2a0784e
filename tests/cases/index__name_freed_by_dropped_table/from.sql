CREATE TABLE public.a (x int);
CREATE TABLE public.z (x int);
CREATE INDEX idx ON public.z (x);
