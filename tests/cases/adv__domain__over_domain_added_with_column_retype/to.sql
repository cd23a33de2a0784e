CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
CREATE DOMAIN work_email AS email CHECK (VALUE LIKE '%@corp.example');
CREATE TABLE u (id int PRIMARY KEY, mail work_email);
