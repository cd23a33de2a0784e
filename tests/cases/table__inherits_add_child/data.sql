INSERT INTO parent (id) VALUES (1);
