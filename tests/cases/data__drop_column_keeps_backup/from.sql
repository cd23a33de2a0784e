CREATE TABLE people (
  id integer PRIMARY KEY,
  name text NOT NULL,
  "Legacy Code" varchar(10) NOT NULL DEFAULT 'none'
);
