INSERT INTO "📦boxes" VALUES (1, 3), (2, NULL);
