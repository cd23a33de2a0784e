CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL DEFAULT '');
CREATE TABLE "Users" (id bigint PRIMARY KEY, "Name" text, name varchar(40));
CREATE INDEX "Users_Name_idx" ON "Users" ("Name");
CREATE INDEX users_name_idx ON users (name);
