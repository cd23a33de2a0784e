INSERT INTO t VALUES (1, 2), (1, 3), (2, 5);
