INSERT INTO p SELECT g, 'c' || g FROM generate_series(1, 20) g;
INSERT INTO c SELECT g FROM generate_series(1, 20) g;
