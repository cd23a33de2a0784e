CREATE TABLE odd ("int" int, "text" text, "integer" bigint DEFAULT 0);
