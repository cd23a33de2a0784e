INSERT INTO "UserAccounts" VALUES (1, 3), (2, 0);
