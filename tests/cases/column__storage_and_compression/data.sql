INSERT INTO docs VALUES (1, repeat('x', 5000), 'abc', 'n', 's');
