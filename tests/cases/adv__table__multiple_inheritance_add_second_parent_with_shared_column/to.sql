CREATE TABLE named (name text NOT NULL);
CREATE TABLE dated (created date);
CREATE TABLE thing (id int, created date) INHERITS (named, dated);
