CREATE TABLE named (name text NOT NULL);
CREATE TABLE dated (created date, name text NOT NULL);
CREATE TABLE thing (id int) INHERITS (named, dated);
