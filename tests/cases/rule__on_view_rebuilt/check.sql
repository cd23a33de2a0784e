SELECT count(*) = 2 FROM pg_rewrite WHERE ev_class = 'acct_v'::regclass AND rulename <> '_RETURN';
