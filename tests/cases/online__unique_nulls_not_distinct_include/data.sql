INSERT INTO t SELECT g, 'a' || g, 'b' FROM generate_series(1, 50) g;
