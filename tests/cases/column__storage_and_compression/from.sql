CREATE TABLE docs (
  id integer PRIMARY KEY,
  body text,
  "Raw Data" bytea,
  notes text COMPRESSION lz4,
  summary text
);
ALTER TABLE docs ALTER COLUMN "Raw Data" SET STORAGE external;
ALTER TABLE docs ALTER COLUMN summary SET STORAGE main;
