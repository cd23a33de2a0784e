INSERT INTO orders VALUES (1, 5), (1, 9), (2, 3);
