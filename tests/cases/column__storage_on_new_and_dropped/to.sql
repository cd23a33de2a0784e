CREATE TABLE new_blobs (id integer PRIMARY KEY, payload bytea COMPRESSION lz4);
ALTER TABLE new_blobs ALTER COLUMN payload SET STORAGE external;
CREATE TABLE kept (id integer PRIMARY KEY, added text COMPRESSION lz4);
ALTER TABLE kept ALTER COLUMN added SET STORAGE plain;
