-- Found by review: a primary key renamed under a foreign key made a cycle (the new key
-- waits for the old one's drop, which waited for the swapped foreign key).
CREATE TABLE public.p (id int CONSTRAINT p_new PRIMARY KEY);
CREATE TABLE public.c (pid int CONSTRAINT c_fk REFERENCES public.p);
