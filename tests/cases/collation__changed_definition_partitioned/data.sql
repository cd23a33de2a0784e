INSERT INTO p VALUES (1, 'Alice'), (2, 'bob');
