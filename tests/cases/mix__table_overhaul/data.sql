INSERT INTO users VALUES (1, 'a@x', 'ann', '2024-01-01', 1), (2, 'b@x', NULL, '2024-02-02', 0);
