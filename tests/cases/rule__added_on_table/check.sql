SELECT count(*) = 2 FROM pg_rewrite WHERE ev_class = 't'::regclass;
