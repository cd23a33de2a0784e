INSERT INTO v (id, x) VALUES (1, 1.5), (2, -0.25);
