CREATE TABLE v (id int PRIMARY KEY, x timestamp with time zone);
