INSERT INTO job VALUES (1, 'new'), (2, 'done');
