INSERT INTO authors VALUES (1, 'Ann'), (2, 'Bo');
INSERT INTO posts VALUES (1, 1, 'Hello', 'x'), (2, 2, 'World', NULL);
