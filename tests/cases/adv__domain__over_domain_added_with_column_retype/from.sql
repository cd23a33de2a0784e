CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE u (id int PRIMARY KEY, mail email);
