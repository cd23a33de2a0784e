CREATE TABLE cfg (id int PRIMARY KEY, v int DEFAULT (extract(year FROM now()))::int);
