CREATE TABLE p (id int PRIMARY KEY, email text UNIQUE, age int CHECK (age > 0));
CREATE TABLE c (id int, p_id int REFERENCES p);
