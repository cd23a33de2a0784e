CREATE TABLE "a;b" ("$1" int PRIMARY KEY, "--x" varchar(10), "it's" text);
CREATE INDEX "it's_idx" ON "a;b" ("--x");
COMMENT ON COLUMN "a;b"."--x" IS 'it''s -- ; $1';
GRANT SELECT ("it's", "--x") ON "a;b" TO schemadiff_reader;
