INSERT INTO employees VALUES (1, NULL, 'boss'), (2, 1, 'dev'), (3, 2, 'intern');
