CREATE EXTENSION citext;
CREATE TABLE users (id int PRIMARY KEY, email citext);
