CREATE TABLE "UserAccounts" ("Id" int PRIMARY KEY, "LoginCount" bigint NOT NULL DEFAULT 0);
