CREATE TABLE odd ("int" text, "text" int, "integer" int);
