CREATE TABLE public.t (id int PRIMARY KEY);
CREATE VIEW public.v AS SELECT t.id FROM public.t;
CREATE INDEX t_idx ON public.t USING btree (id);
