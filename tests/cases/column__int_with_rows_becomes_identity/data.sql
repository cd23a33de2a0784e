INSERT INTO people VALUES (1, 'a'), (7, 'b');
INSERT INTO countdown VALUES (-5), (-2);
