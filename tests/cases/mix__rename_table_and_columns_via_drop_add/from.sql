CREATE TABLE customer (id int PRIMARY KEY, fname text, lname text);
