INSERT INTO logs VALUES (1, '2024-04-04', 'x'), (2, '2024-05-05', 'y');
