CREATE TABLE a (id int PRIMARY KEY, b_id int);
CREATE TABLE b (id int PRIMARY KEY, c_id int);
CREATE TABLE c (id int PRIMARY KEY, a_id int);
