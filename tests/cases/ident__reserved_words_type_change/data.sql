INSERT INTO "user" VALUES (1, 's', 1);
