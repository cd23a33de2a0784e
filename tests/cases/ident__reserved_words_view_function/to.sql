CREATE TABLE "user" (id int PRIMARY KEY, "select" text, "order" int);
CREATE VIEW "select" AS SELECT id, "order" FROM "user";
CREATE FUNCTION "case"("when" int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT "when" $$;
