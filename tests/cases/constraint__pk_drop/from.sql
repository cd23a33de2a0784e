CREATE TABLE members (id int NOT NULL, email text NOT NULL, org int NOT NULL, age int, PRIMARY KEY (id));
