CREATE TABLE public.p (id int CONSTRAINT p_old PRIMARY KEY);
CREATE TABLE public.c (pid int CONSTRAINT c_fk REFERENCES public.p);
