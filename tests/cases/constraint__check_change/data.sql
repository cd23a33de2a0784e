INSERT INTO members VALUES (1, 'a@x', 1, 30), (2, 'b@x', 1, 40), (3, 'c@x', 2, NULL);
