CREATE TABLE "user" (id int PRIMARY KEY, "select" text, "order" int);
CREATE TABLE "order" ("user" int REFERENCES "user", "from" date, "group" text);
