CREATE TABLE members (id int NOT NULL, email text NOT NULL, org int NOT NULL, age int);
ALTER TABLE members ADD CONSTRAINT members_age_check CHECK (age > 0) NOT VALID;
