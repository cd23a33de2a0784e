INSERT INTO events SELECT g, 'k' || g FROM generate_series(1, 30) g;
