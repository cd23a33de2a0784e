INSERT INTO orders VALUES (1, 10, 's', 'eu'), (2, 20, NULL, 'us');
