INSERT INTO items SELECT generate_series(1, 5);
