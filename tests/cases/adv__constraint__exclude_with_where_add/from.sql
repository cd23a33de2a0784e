CREATE TABLE booking (id int PRIMARY KEY, during tsrange NOT NULL, active boolean NOT NULL DEFAULT true);
