INSERT INTO t VALUES (1, 2, 3, 4.5, true, 6.25, 7.5);
