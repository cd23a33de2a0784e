INSERT INTO t SELECT g, 'a', 'b' FROM generate_series(1, 50) g;
