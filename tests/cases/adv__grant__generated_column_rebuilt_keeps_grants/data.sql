INSERT INTO g (id, a) VALUES (1, 1);
