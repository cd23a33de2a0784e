CREATE TABLE authors (id int PRIMARY KEY, name text);
