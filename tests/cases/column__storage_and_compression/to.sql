CREATE TABLE docs (
  id integer PRIMARY KEY,
  body text COMPRESSION lz4,
  "Raw Data" bytea,
  notes text COMPRESSION pglz,
  summary text
);
ALTER TABLE docs ALTER COLUMN body SET STORAGE external;
ALTER TABLE docs ALTER COLUMN "Raw Data" SET STORAGE main;
