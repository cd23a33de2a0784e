INSERT INTO ev SELECT g, '2025-06-01'::date + (g % 400), 'k' FROM generate_series(1, 100) g;
