INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 50) g;
