INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 50) g;
