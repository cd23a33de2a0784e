CREATE TABLE "📦boxes" (id int PRIMARY KEY, w int);
CREATE FUNCTION "📐double"("x 🅧" int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT "x 🅧" * 2 $$;
CREATE VIEW "👀 boxes" AS SELECT id, "📐double"(w) AS "w²" FROM "📦boxes";
COMMENT ON VIEW "👀 boxes" IS '👀';
