INSERT INTO v (id, x) VALUES (1, 5), (2, -7);
