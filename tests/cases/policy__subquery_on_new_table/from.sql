CREATE TABLE a (id int PRIMARY KEY, owner text);
