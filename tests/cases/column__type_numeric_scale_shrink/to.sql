CREATE TABLE v (id int PRIMARY KEY, x numeric(12,2));
