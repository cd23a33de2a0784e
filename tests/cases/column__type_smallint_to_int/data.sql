INSERT INTO v (id, x) VALUES (1, 32767), (2, 0);
