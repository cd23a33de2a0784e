CREATE TABLE "order items" ("item id" int PRIMARY KEY);
