INSERT INTO public.events (note) VALUES ('x'), ('y');
