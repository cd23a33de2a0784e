CREATE TABLE hot (id int PRIMARY KEY, n int NOT NULL DEFAULT 0) WITH (autovacuum_vacuum_threshold = 100);
