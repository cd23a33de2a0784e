INSERT INTO "user" VALUES (1, 's', 1), (2, 't', 2);
