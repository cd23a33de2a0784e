INSERT INTO cache (k, v) VALUES ('a', '{"x":1}'), ('b', NULL);
