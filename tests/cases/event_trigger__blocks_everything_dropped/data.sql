INSERT INTO accounts VALUES (1), (2);
