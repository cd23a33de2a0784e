INSERT INTO regions VALUES (1, 1), (2, 3);
