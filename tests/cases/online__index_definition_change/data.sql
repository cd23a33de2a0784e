INSERT INTO t SELECT g, g, g FROM generate_series(1, 50) g;
