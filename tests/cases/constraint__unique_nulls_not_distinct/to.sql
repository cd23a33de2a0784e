CREATE TABLE members (id int NOT NULL, email text NOT NULL, org int NOT NULL, age int, CONSTRAINT members_age_key UNIQUE NULLS NOT DISTINCT (age));
