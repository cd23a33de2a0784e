SELECT count(*) = 2 FROM activity;
SELECT to_regclass('events') IS NULL;
