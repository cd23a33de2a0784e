INSERT INTO accounts (points, email) SELECT g, 'e' || g FROM generate_series(1, 40) g;
INSERT INTO txns SELECT g, 1 + g % 40 FROM generate_series(1, 60) g;
