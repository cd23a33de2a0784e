CREATE TABLE hot (id int PRIMARY KEY, n int NOT NULL DEFAULT 0) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
