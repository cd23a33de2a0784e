CREATE TABLE people (id integer PRIMARY KEY, name text);
CREATE TABLE countdown (n integer NOT NULL UNIQUE);
