INSERT INTO users VALUES (1, 'a');
INSERT INTO "Users" VALUES (1, 'A', 'b');
