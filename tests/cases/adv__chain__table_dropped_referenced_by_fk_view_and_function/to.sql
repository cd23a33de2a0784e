CREATE TABLE child (id int PRIMARY KEY, parent_id int);
