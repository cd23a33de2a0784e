INSERT INTO log_lines SELECT '2026-01-01'::timestamptz + g * interval '1 minute', repeat('x', g) FROM generate_series(1, 300) g;
