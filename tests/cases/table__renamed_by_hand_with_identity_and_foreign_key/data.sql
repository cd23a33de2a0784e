INSERT INTO public.revision (body) VALUES ('a');
