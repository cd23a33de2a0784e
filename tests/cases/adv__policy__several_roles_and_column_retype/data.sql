INSERT INTO doc VALUES (1, 'ann', 1);
