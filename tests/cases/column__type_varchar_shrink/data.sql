INSERT INTO v (id, x) VALUES (1, 'short'), (2, '0123456789');
