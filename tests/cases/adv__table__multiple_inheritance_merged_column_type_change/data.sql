INSERT INTO thing (name, created, id) VALUES ('x', '2024-01-01', 1);
