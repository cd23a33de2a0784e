INSERT INTO v (id, x) VALUES (1, 'abc'), (2, NULL);
