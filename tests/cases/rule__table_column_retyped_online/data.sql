INSERT INTO entry VALUES (1, 10, 'a'), (2, 20, NULL), (3, 30, 'c');
