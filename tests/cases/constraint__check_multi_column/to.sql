CREATE TABLE members (id int NOT NULL, email text NOT NULL, org int NOT NULL, age int, CONSTRAINT members_email_org CHECK (email LIKE '%@%' OR org > 1));
