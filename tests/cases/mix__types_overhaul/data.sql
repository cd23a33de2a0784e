INSERT INTO paints VALUES (1, 'red', 50, ROW(255, 0, 0)), (2, 'green', 100, NULL);
