CREATE TABLE named (name text NOT NULL);
CREATE TABLE thing (id int, created date) INHERITS (named);
