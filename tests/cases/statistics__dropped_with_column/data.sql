INSERT INTO item VALUES (1, 1, 2, 3), (2, 4, 5, 6);
