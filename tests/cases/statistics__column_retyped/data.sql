INSERT INTO r VALUES (1, 10, 20, 'x'), (2, 11, 21, 'y');
