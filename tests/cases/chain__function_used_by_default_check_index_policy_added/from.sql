CREATE TABLE codes (id int PRIMARY KEY, code text NOT NULL);
