CREATE TABLE t (id integer PRIMARY KEY, body text, b bytea);
ALTER TABLE t ALTER COLUMN body SET COMPRESSION lz4;
