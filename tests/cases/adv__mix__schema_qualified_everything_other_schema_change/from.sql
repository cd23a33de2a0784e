CREATE SCHEMA "App Data";
CREATE TYPE "App Data"."St" AS ENUM ('a');
CREATE TABLE "App Data"."T" (id int PRIMARY KEY, s "App Data"."St", v int);
CREATE VIEW "App Data"."V" AS SELECT id, s, v FROM "App Data"."T";
