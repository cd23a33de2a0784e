CREATE SCHEMA "App Data";
CREATE TYPE "App Data"."St" AS ENUM ('a', 'b');
CREATE TABLE "App Data"."T" (id int PRIMARY KEY, s "App Data"."St" DEFAULT 'b', v bigint);
CREATE VIEW "App Data"."V" AS SELECT id, s, v FROM "App Data"."T";
CREATE INDEX "T_s_idx" ON "App Data"."T" (s) WHERE s = 'b';
