INSERT INTO t SELECT g, 'a' || g FROM generate_series(1, 50) g;
