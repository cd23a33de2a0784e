INSERT INTO "select"."audit log_13" DEFAULT VALUES;
INSERT INTO "select"."audit log_13" DEFAULT VALUES;
