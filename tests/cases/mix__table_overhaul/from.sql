CREATE TABLE users (id int PRIMARY KEY, email varchar(50), nick text, created timestamp DEFAULT now(), active int DEFAULT 1);
CREATE INDEX users_nick_idx ON users (nick);
