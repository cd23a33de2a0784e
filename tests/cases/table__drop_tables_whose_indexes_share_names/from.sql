CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.orders (id int CONSTRAINT "Primary Key" PRIMARY KEY, code text CONSTRAINT code_uniq UNIQUE, note text);
CREATE INDEX note_idx ON a.orders (note);
CREATE TABLE b.accounts (id int CONSTRAINT "Primary Key" PRIMARY KEY, code text CONSTRAINT code_uniq UNIQUE, note text);
CREATE INDEX note_idx ON b.accounts (note);
