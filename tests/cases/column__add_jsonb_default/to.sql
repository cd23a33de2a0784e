CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, meta jsonb NOT NULL DEFAULT '{}'::jsonb);
