CREATE TABLE v (id int PRIMARY KEY, x timestamp(6));
