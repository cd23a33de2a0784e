INSERT INTO settings SELECT g, '{"k": ' || g || '}' FROM generate_series(1, 20) g;
