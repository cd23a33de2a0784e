INSERT INTO "📦boxes" VALUES (1), (2);
