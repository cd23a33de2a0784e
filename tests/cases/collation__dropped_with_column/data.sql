INSERT INTO t VALUES (1, 'Alice', 'a'), (2, 'bob', 'b');
