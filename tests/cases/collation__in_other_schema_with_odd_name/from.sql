CREATE SCHEMA "My Schema";
CREATE TABLE "My Schema"."Things" (id int);
