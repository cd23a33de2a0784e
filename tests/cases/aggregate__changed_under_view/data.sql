INSERT INTO readings VALUES (1, 2), (1, 3);
