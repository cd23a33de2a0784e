INSERT INTO names VALUES (1, 'Bob'), (2, 'alice');
