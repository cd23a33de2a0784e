CREATE TABLE "user" (id int PRIMARY KEY, "select" text, "order" int, "default" text DEFAULT 'd', "check" int CHECK ("check" > 0));
