CREATE TABLE v (id int PRIMARY KEY, x numeric(14,4));
