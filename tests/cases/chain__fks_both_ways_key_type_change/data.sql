INSERT INTO teams VALUES (1, NULL);
INSERT INTO players VALUES (5, 1), (6, 1);
UPDATE teams SET captain_id = 5;
