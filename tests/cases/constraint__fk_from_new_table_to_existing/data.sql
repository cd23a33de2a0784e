INSERT INTO authors VALUES (1, 'a'), (2, 'b');
