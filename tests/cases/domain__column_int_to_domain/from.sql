CREATE TABLE stock (id int PRIMARY KEY, qty int);
