CREATE SCHEMA "Stats";
CREATE TYPE "Stats"."Acc" AS (n bigint, total numeric);
CREATE FUNCTION "Stats"."Step ""one"""(a "Stats"."Acc", x numeric) RETURNS "Stats"."Acc"
  LANGUAGE sql IMMUTABLE AS $$ SELECT ROW(a.n + 1, a.total + x)::"Stats"."Acc" $$;
CREATE FUNCTION "Stats".done(a "Stats"."Acc") RETURNS numeric
  LANGUAGE sql IMMUTABLE AS $$ SELECT a.total / nullif(a.n, 0) $$;
CREATE AGGREGATE "Stats"."Mean's"(numeric) (
  SFUNC = "Stats"."Step ""one""", STYPE = "Stats"."Acc", FINALFUNC = "Stats".done,
  INITCOND = '(0,0)');
CREATE VIEW "Stats".v AS SELECT "Stats"."Mean's"(x) AS m FROM (VALUES (1::numeric), (3)) s(x);
