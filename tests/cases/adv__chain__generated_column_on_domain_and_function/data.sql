INSERT INTO r (id, a, b) VALUES (1, 1, 3), (2, 0, 0);
