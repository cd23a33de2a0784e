INSERT INTO t VALUES (1, 'Alice', '{a,b}'), (2, 'bob', NULL);
INSERT INTO other VALUES (1, 'X');
