INSERT INTO v (id, x) VALUES (1, '7');
