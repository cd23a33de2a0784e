CREATE TABLE members (id int NOT NULL, email text NOT NULL, org int NOT NULL, age int, CONSTRAINT age_not_negative CHECK (age >= 0));
