INSERT INTO orders VALUES (1, 'a', 'y'), (2, 'b', 'x');
