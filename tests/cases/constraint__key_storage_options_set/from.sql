CREATE TABLE k (id int PRIMARY KEY, code text UNIQUE, v int);
