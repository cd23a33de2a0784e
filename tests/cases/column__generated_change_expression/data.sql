INSERT INTO boxes (id, w, h) VALUES (1, 2, 3), (2, 4, 5);
