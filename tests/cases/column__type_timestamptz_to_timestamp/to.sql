CREATE TABLE v (id int PRIMARY KEY, x timestamp without time zone);
