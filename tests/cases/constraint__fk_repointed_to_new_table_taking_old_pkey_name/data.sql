INSERT INTO public.rev_old VALUES (1, 'first'), (2, 'second');
INSERT INTO public.comment VALUES (10, NULL), (11, NULL);
