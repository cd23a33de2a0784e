INSERT INTO codes SELECT g, 'c' || g, 'l' || g FROM generate_series(1, 20) g;
