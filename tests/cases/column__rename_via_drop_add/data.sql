INSERT INTO people VALUES (1, 'Ada', 'ada'), (2, 'Grace', NULL);
