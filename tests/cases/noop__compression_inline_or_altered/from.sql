CREATE TABLE t (id integer PRIMARY KEY, body text COMPRESSION lz4, b bytea);
ALTER TABLE t ALTER COLUMN b SET STORAGE extended;
