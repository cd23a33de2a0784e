INSERT INTO v (id, x) VALUES (1, 1), (2, -5);
