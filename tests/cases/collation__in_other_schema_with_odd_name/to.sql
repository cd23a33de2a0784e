CREATE SCHEMA "My Schema";
CREATE COLLATION "My Schema"."Ci Coll" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE "My Schema"."Things" (id int, "Label" text COLLATE "My Schema"."Ci Coll");
