INSERT INTO p SELECT g FROM generate_series(1, 20) g;
INSERT INTO c SELECT g, g FROM generate_series(1, 20) g;
