INSERT INTO v (id, x) VALUES (1, '{"a": 1}'), (2, '[1, 2]');
