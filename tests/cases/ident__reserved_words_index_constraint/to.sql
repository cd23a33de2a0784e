CREATE TABLE "user" (id int PRIMARY KEY, "select" text, "order" int, CONSTRAINT "unique" UNIQUE ("select"));
CREATE INDEX "index" ON "user" ("order");
