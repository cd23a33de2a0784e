INSERT INTO stock SELECT 's' || g, g FROM generate_series(1, 25) g;
