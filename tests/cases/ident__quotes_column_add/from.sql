CREATE TABLE "it""s" ("a""b" int);
