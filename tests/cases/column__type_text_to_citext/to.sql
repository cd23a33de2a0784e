CREATE EXTENSION citext;
CREATE TABLE v (id int PRIMARY KEY, x citext);
