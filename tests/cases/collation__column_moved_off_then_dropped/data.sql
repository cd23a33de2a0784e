INSERT INTO t VALUES (1, 'Alice'), (2, 'bob');
