INSERT INTO v (id, x) VALUES (1, 'Ada@Example.com');
