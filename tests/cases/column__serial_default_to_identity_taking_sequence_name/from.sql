CREATE SEQUENCE public.t_id_seq;
CREATE TABLE public.t (id int NOT NULL DEFAULT nextval('public.t_id_seq'));
