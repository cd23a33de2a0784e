INSERT INTO k VALUES (1, 'a', 10), (2, 'b', 20);
