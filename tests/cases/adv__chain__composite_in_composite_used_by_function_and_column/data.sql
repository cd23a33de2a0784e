INSERT INTO holder VALUES (1, ROW(ROW(5), 'n'));
