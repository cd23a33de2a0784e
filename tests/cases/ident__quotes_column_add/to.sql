CREATE TABLE "it""s" ("a""b" int, "c""d" text DEFAULT '"');
