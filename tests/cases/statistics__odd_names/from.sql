CREATE SCHEMA "My Schema";
CREATE TABLE "My Schema"."Big Table" ("First Col" int, "Second Col" text);
