CREATE TABLE plain (id int);
CREATE TABLE "a;b" ("$1" int PRIMARY KEY, "--x" text DEFAULT '--not a comment', "it's" text, "/*c*/" int, CONSTRAINT "a;b_chk;DROP TABLE plain" CHECK ("$1" > 0));
CREATE INDEX "it's_idx" ON "a;b" ("it's");
CREATE VIEW "select * from plain" AS SELECT "$1", "--x" FROM "a;b";
CREATE SEQUENCE "seq'--";
CREATE TYPE "e;num" AS ENUM ('a;b', 'it''s', '$1', '--x');
