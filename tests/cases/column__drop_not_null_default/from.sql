CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, visits int NOT NULL DEFAULT 0);
