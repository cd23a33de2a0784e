INSERT INTO authors VALUES (1, 'a1', 'Ann');
INSERT INTO books VALUES (10, 1, 'a1', 'First'), (12, NULL, NULL, 'Anon');
