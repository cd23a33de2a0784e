CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, score double precision DEFAULT random());
