INSERT INTO "📦boxes" VALUES (1, 3);
