INSERT INTO t SELECT g, g % 7 FROM generate_series(1, 30) g;
