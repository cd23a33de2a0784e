INSERT INTO measurements SELECT g, DATE '2025-06-01' + (g * 2), g FROM generate_series(1, 200) g;
