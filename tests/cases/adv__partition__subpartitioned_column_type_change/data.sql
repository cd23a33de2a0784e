INSERT INTO logs VALUES (1, 2024, 'a'), (2, 2024, 'b'), (3, 2024, 'c');
