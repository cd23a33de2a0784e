INSERT INTO slots VALUES (1), (2), (3);
