INSERT INTO people VALUES (1, 'Ada', 36), (2, 'Grace', 85);
