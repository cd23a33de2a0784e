INSERT INTO orders VALUES (1, 50, 'a'), (2, 500, 'b'), (3, 5000, NULL);
