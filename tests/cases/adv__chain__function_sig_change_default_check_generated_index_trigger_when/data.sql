INSERT INTO players (id, lvl) VALUES (1, 1), (2, 7), (3, 42);
