INSERT INTO docs VALUES (1, 1), (2, 9);
