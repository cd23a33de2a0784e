CREATE TABLE "a;b" ("$1" bigint PRIMARY KEY, "--x" text, "it's" text);
CREATE INDEX "it's_idx" ON "a;b" ("--x");
COMMENT ON COLUMN "a;b"."--x" IS 'it''s -- ; $1';
GRANT SELECT ("it's", "--x"), UPDATE ("$1") ON "a;b" TO schemadiff_reader WITH GRANT OPTION;
