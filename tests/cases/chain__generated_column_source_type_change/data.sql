INSERT INTO r (id, w) VALUES (1, 3), (2, 4);
