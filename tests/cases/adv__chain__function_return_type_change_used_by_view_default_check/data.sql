INSERT INTO rates VALUES (1, 1), (2, 2.5);
