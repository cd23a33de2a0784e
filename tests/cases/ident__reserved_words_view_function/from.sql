CREATE TABLE "user" (id int PRIMARY KEY, "select" text, "order" int);
