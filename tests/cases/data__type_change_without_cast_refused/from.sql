CREATE TABLE ev (id integer PRIMARY KEY, at bigint NOT NULL);
