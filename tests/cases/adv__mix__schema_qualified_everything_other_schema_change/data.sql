INSERT INTO "App Data"."T" VALUES (1, 'a', 1);
