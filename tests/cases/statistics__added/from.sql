CREATE TABLE addr (id int PRIMARY KEY, city text, zip text, country text);
