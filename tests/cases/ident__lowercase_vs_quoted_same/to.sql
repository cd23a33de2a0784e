CREATE TABLE "items" ("id" int, "ID" int);
