INSERT INTO orders VALUES (1, 'A-1', 5), (2, 'A-2', NULL);
