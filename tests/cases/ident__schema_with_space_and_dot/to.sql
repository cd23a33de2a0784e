CREATE SCHEMA "my schema.v2";
CREATE TABLE "my schema.v2"."t.1" (id int);
COMMENT ON SCHEMA "my schema.v2" IS 'dots are not separators';
