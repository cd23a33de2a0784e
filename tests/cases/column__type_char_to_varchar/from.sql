CREATE TABLE v (id int PRIMARY KEY, x char(3));
