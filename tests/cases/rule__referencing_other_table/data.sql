INSERT INTO item VALUES (1, 'one');
