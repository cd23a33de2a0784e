INSERT INTO teams (name) VALUES ('a'), ('b');
INSERT INTO "Old Players" (team_id, nick) SELECT 1 + g % 2, 'n' || g FROM generate_series(1, 12) g;
INSERT INTO keepers VALUES (1, 3), (2, NULL);
INSERT INTO tags (label) SELECT 't' || g FROM generate_series(1, 9) g;
