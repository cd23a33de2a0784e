CREATE TABLE members (id int NOT NULL, email text NOT NULL, org int NOT NULL, age int, CONSTRAINT members_age_check CHECK (age >= 0));
