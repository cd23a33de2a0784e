INSERT INTO authors VALUES (1, 'a1', 'Ann'), (2, 'b2', 'Bo');
INSERT INTO books VALUES (10, 1, 'a1', 'First'), (11, 2, 'b2', 'Second'), (12, NULL, NULL, 'Anon');
INSERT INTO editors VALUES (1), (2);
