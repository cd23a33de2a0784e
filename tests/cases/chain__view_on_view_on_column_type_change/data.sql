INSERT INTO payments VALUES (1, 50, 'ann'), (2, 500, 'bob'), (3, 1000, 'bob');
