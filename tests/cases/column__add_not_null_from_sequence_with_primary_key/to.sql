CREATE SCHEMA "select";
CREATE SEQUENCE "select"."Counter" START 79;
CREATE TABLE "select"."audit log_13" (
    "ID" bigint DEFAULT nextval('"select"."Counter"'::regclass) NOT NULL
);
ALTER TABLE "select"."audit log_13" ADD CONSTRAINT pk_15 PRIMARY KEY ("ID");
