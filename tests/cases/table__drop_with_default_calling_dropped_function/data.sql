INSERT INTO public."Customer" (id_6) VALUES ('a'), (DEFAULT);
