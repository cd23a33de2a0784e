SELECT count(*) = 4 FROM pg_statistic_ext WHERE stxrelid = 'addr'::regclass;
