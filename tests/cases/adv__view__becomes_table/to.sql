CREATE TABLE s (id int PRIMARY KEY);
CREATE TABLE thing (id int);
