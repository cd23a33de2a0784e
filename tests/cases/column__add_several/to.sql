CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, a int, b text DEFAULT 'x', c boolean NOT NULL DEFAULT false);
