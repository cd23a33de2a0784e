CREATE SCHEMA "Ünïcødé";
CREATE TYPE "Ünïcødé"."user" AS ENUM ('in progress', 'CAPS', 'done');
