CREATE SCHEMA "Ünïcødé 🚀";
CREATE TYPE "Ünïcødé 🚀"."Kind ""quoted""" AS ENUM ('a b', 'c''d');
CREATE TABLE "Ünïcødé 🚀"."user" ("select" int PRIMARY KEY, "Kind" "Ünïcødé 🚀"."Kind ""quoted""", "order by" text CONSTRAINT "check me" CHECK ("order by" <> ''));
CREATE INDEX "idx 🔎" ON "Ünïcødé 🚀"."user" ("order by" DESC NULLS FIRST);
CREATE VIEW "Ünïcødé 🚀"."view ""v""" AS SELECT "select", "Kind" FROM "Ünïcødé 🚀"."user";
CREATE FUNCTION "Ünïcødé 🚀"."fn Ω"("arg 1" int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT "arg 1" $$;
COMMENT ON TABLE "Ünïcødé 🚀"."user" IS 'ünïcødé';
