CREATE SCHEMA "My Schema";
CREATE FUNCTION "My Schema".time_diff(a time, b time) RETURNS float8 LANGUAGE sql IMMUTABLE
  AS $$ SELECT EXTRACT(EPOCH FROM (a - b)) $$;
CREATE TYPE "My Schema"."Time Span" AS RANGE (
  subtype = time, subtype_diff = "My Schema".time_diff,
  multirange_type_name = "My Schema"."Spans Of Time");
CREATE TYPE "My Schema".textspan AS RANGE (subtype = text, collation = "C");
COMMENT ON TYPE "My Schema"."Time Span" IS 'opening hours';
REVOKE USAGE ON TYPE "My Schema"."Time Span" FROM PUBLIC;
GRANT USAGE ON TYPE "My Schema"."Time Span" TO schemadiff_reader;
CREATE TABLE "My Schema".shop (id integer PRIMARY KEY, open "My Schema"."Time Span"[]);
