CREATE TABLE counters (k text PRIMARY KEY, v int);
