CREATE TABLE hot (id int PRIMARY KEY, n int NOT NULL DEFAULT 0) WITH (fillfactor = 70);
