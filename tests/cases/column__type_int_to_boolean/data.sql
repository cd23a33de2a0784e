INSERT INTO v (id, x) VALUES (1, 0), (2, 1);
