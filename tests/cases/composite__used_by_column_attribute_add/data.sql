INSERT INTO sites VALUES (1, ROW('Main St', 'Springfield'));
