CREATE TABLE members (id int NOT NULL, email text NOT NULL, org int NOT NULL, age int, CONSTRAINT members_age_check CHECK (age >= 0));
COMMENT ON CONSTRAINT members_age_check ON members IS 'no negative ages';
