CREATE TABLE v (id int PRIMARY KEY, x varchar(50));
