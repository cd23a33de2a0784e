INSERT INTO "a;b" VALUES (1, 'x', 'y');
