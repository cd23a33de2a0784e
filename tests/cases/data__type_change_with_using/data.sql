INSERT INTO ev SELECT g, 1700000000 + g FROM generate_series(1, 20) g;
