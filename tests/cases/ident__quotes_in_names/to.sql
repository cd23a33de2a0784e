CREATE TABLE "it""s" ("a""b" int, "say ""hi""" text);
COMMENT ON TABLE "it""s" IS 'quoted';
