CREATE TABLE "UserAccounts" ("Id" int PRIMARY KEY, "LoginCount" int);
