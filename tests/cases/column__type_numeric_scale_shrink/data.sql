INSERT INTO v (id, x) VALUES (1, 1.25), (2, 7.5);
