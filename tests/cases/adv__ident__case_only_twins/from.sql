CREATE TABLE users (id int PRIMARY KEY, name text);
CREATE TABLE "Users" (id int PRIMARY KEY, "Name" text, name text);
