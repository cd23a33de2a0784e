SELECT count(*) = 1 FROM pg_trigger WHERE tgname = 'vt_write' AND tgrelid = 'vt'::regclass;
