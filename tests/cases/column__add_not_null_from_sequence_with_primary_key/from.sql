CREATE SCHEMA "select";
CREATE SEQUENCE "select"."Counter" START 79;
CREATE TABLE "select"."audit log_13" (
    
);
