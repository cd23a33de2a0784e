INSERT INTO measurements VALUES (1, '2023-03-01', 10), (2, '2023-07-15', 20);
