CREATE TABLE old_blobs (id integer PRIMARY KEY, payload bytea COMPRESSION lz4);
ALTER TABLE old_blobs ALTER COLUMN payload SET STORAGE external;
CREATE TABLE kept (id integer PRIMARY KEY, gone text);
ALTER TABLE kept ALTER COLUMN gone SET STORAGE main;
