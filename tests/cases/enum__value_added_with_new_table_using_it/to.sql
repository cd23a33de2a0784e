CREATE SCHEMA "Ünïcødé";
CREATE TYPE "Ünïcødé"."user" AS ENUM ('in progress', 'CAPS', 'it''s new', 'done');
CREATE TABLE "Ünïcødé"."ünïcode" (
    "päyload" "Ünïcødé"."user" NOT NULL
);
