CREATE SCHEMA "My Schema";
CREATE SCHEMA "Stats Home";
CREATE TABLE "My Schema"."Big Table" ("First Col" int, "Second Col" text);
CREATE STATISTICS "My Schema"."Stats ünd" (dependencies) ON "First Col", "Second Col" FROM "My Schema"."Big Table";
CREATE STATISTICS "Stats Home"."select" ON "Second Col", ("First Col" + 1) FROM "My Schema"."Big Table";
COMMENT ON STATISTICS "My Schema"."Stats ünd" IS 'it''s odd';
ALTER STATISTICS "Stats Home"."select" SET STATISTICS 300;
