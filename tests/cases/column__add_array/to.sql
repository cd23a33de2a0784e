CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, tags text[] NOT NULL DEFAULT '{}');
