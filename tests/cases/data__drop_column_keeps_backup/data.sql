INSERT INTO people SELECT g, 'p' || g, 'c' || (g % 7) FROM generate_series(1, 25) g;
