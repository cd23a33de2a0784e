CREATE TABLE v (id int PRIMARY KEY, x numeric(8,3));
