CREATE TABLE cfg (id int PRIMARY KEY, v int);
