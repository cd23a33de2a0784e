CREATE TABLE "UserAccounts" ("Id" int PRIMARY KEY, "DisplayName" text);
