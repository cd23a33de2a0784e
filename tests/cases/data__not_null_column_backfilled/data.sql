INSERT INTO orders SELECT g, g * 7 FROM generate_series(1, 50) g;
