CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL);
ALTER TABLE notes ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE notes ALTER COLUMN body SET COMPRESSION lz4;
