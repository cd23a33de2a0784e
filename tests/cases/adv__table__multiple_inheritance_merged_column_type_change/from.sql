CREATE TABLE named (name varchar(20) NOT NULL);
CREATE TABLE dated (created date, name varchar(20) NOT NULL);
CREATE TABLE thing (id int) INHERITS (named, dated);
